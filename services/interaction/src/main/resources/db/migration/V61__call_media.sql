-- The photos and videos attached to calls (media service, switchboard.media), for the call object's
-- photos/videos. A read model of the libs/consumer loop call-media: rebuildable from the topic.
CREATE TABLE call_media (
    media_id    bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('photo', 'video')),
    partner_id  text        NOT NULL,
    call_id     bigint      NOT NULL,
    photo_type  text,
    attached_at timestamptz NOT NULL,
    PRIMARY KEY (kind, media_id)
);
CREATE INDEX call_media_call ON call_media (partner_id, call_id);
