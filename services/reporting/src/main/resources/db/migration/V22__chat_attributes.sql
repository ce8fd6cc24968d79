-- A chat's custom data (CustomDataAttached: the Chat API's POST /chats/{id}/custom_data, plain or signed) as
-- name/value attributes, for the Platform Data API's getConversationsByItinerary and getConversationsByAttributes.
-- One row per chat and name: the latest attachment by time wins, so redelivered or reordered events agree. Part of
-- the chats projection: chats projected before this migration show them after its rebuild.
CREATE TABLE chat_attributes (
    partner_id  text COLLATE "C" NOT NULL,
    chat_id     bigint           NOT NULL,
    name        text COLLATE "C" NOT NULL,
    value       text             NOT NULL,
    label       text,
    attached_at timestamptz      NOT NULL,
    PRIMARY KEY (partner_id, chat_id, name)
);
-- Lookups are by exact value; a hash index holds values of any length (a value may be 2,000 characters, more than a
-- b-tree entry can take in multi-byte text).
CREATE INDEX chat_attributes_value ON chat_attributes USING hash (value);
