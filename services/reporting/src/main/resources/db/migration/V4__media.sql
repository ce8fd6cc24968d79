-- Photos and videos end users attached to calls and chats (seed 001 "Photo" and "Video"), from the
-- media service's events. Only references and metadata: the files stay in the media service's store.
CREATE TABLE photos (
    partner_id            text COLLATE "C" NOT NULL,
    id                    bigint      NOT NULL,
    channel               text        NOT NULL,
    channel_id            bigint      NOT NULL,
    photo_type            text,
    object_key            text,
    content_type          text,
    size_bytes            bigint,
    interaction_unique_id text,
    attached_at           timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX photos_channel ON photos (partner_id, channel, channel_id);

CREATE TABLE videos (
    partner_id       text COLLATE "C" NOT NULL,
    id               bigint      NOT NULL,
    channel          text        NOT NULL,
    channel_id       bigint      NOT NULL,
    object_key       text,
    content_type     text,
    size_bytes       bigint,
    duration_seconds integer,
    attached_at      timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX videos_channel ON videos (partner_id, channel, channel_id);
