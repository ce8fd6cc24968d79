-- Claims and marks of chats (ChatClaimed, ChatReleased, ChatMarked), for the Platform Data API's
-- getClaimedConversations and GetMarkedConversations: tables of their own, since each keeps its own
-- "latest by time wins" rule (a row of chats keeps its status's). Part of the chats projection: chats projected
-- before this migration show them after its rebuild (POST /manager/api/v1/admin/projections/rebuild).
CREATE TABLE chat_claims (
    partner_id text COLLATE "C" NOT NULL,
    chat_id    bigint           NOT NULL,
    agent_id   bigint,
    changed_at timestamptz      NOT NULL,
    PRIMARY KEY (partner_id, chat_id)
);
CREATE INDEX chat_claims_agent ON chat_claims (partner_id, agent_id) WHERE agent_id IS NOT NULL;
CREATE TABLE chat_marks (
    partner_id        text COLLATE "C" NOT NULL,
    chat_id           bigint           NOT NULL,
    mark              text             NOT NULL,
    marked_by_user_id bigint,
    marked_at         timestamptz      NOT NULL,
    PRIMARY KEY (partner_id, chat_id)
);
CREATE INDEX chat_marks_mark ON chat_marks (partner_id, mark);
