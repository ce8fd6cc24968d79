-- The event store of one service. Library migrations are numbered 0.x so that a service's own
-- migrations (V1, V2, ...) in db/migration never collide with them.
--
-- Every row is also an outbox message: Debezium's Outbox Event Router reads inserts from this table
-- (event_id -> id header, stream_type -> routing, stream_id -> Kafka key, payload -> value), so a
-- command's events reach Kafka if and only if their transaction committed. There is no second table.
CREATE TABLE event_store (
    global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL,
    stream_id       text        NOT NULL,
    stream_type     text        NOT NULL,
    version         bigint      NOT NULL CHECK (version > 0),
    event_type      text        NOT NULL,
    event_version   integer     NOT NULL CHECK (event_version > 0),
    partner_id      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    causation_id    uuid,
    correlation_id  uuid,
    -- The whole envelope (ARCHITECTURE.md), exactly the Kafka record value.
    payload         jsonb       NOT NULL,
    -- Transport metadata such as W3C trace context; never part of the domain.
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT event_store_event_id_key UNIQUE (event_id),
    -- Two writers of one aggregate cannot both append the same version: the loser gets a conflict.
    CONSTRAINT event_store_stream_version_key UNIQUE (stream_id, version)
);

COMMENT ON TABLE event_store IS 'Append-only domain events; also the Debezium outbox.';

CREATE FUNCTION event_store_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event_store is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER event_store_append_only
    BEFORE UPDATE OR DELETE ON event_store
    FOR EACH ROW EXECUTE FUNCTION event_store_append_only();
