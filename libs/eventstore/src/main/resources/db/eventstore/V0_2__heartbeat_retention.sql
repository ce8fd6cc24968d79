-- Heartbeats (stream type 'heartbeat', libs/eventstore Heartbeats) are liveness signals, not domain
-- facts: a service appends one every few seconds and deletes those older than a day, so the table
-- does not grow without bound. Every other row stays append-only.
--
-- Debezium's Outbox Event Router drops delete events (and the connectors have
-- tombstones.on.delete=false), so a deleted heartbeat never reaches Kafka: verified with Kafka
-- Connect 4.3.1 and Debezium 3.7 (deploy/local/README.md, "Heartbeats").
CREATE OR REPLACE FUNCTION event_store_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.stream_type = 'heartbeat' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'event_store is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
