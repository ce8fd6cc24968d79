-- Media ids: the Apps API's media_id is an integer, unique across partners, photos and videos.
CREATE SEQUENCE media_id_seq;

-- What is attached to which chat or call, written in the transaction that appends PhotoAttached /
-- VideoAttached: the lists of the API, and the one attach per object (object_key is unique).
CREATE TABLE media_items (
    media_id     bigint PRIMARY KEY,
    partner_id   text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('photo', 'video')),
    channel      text        NOT NULL CHECK (channel IN ('chat', 'call')),
    channel_id   bigint      NOT NULL,
    object_key   text        NOT NULL UNIQUE,
    photo_type   text,
    content_type text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    attached_by  text,
    attached_at  timestamptz NOT NULL
);
CREATE INDEX media_items_by_channel ON media_items (partner_id, channel, channel_id, kind, media_id);

-- Whose chat or call it is (ChatCreated from switchboard.chat, CallCreated from switchboard.interaction,
-- through the libs/consumer loop "media"): chat and call ids are unique across partners.
CREATE TABLE channel_owners (
    channel    text   NOT NULL CHECK (channel IN ('chat', 'call')),
    channel_id bigint NOT NULL,
    partner_id text   NOT NULL,
    PRIMARY KEY (channel, channel_id)
);
