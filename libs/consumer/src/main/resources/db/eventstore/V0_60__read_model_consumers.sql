-- What the read-model consumers of libs/consumer keep in the database of the read model they feed.

-- Which events a read model has applied, per stream: the set of the stream's applied positions (the
-- envelope's sequence) as one int8multirange, e.g. {[1,42)} once 41 events were applied in any order.
-- Recorded in the same transaction as the effect, so a redelivered event changes nothing. One database
-- may hold several read models (interaction: routing, agent status): read_model keys them apart.
-- Ids are compared byte by byte (COLLATE "C"): cheaper than a locale-aware comparison in every lookup.
CREATE TABLE consumer_applied_streams (
    read_model     text COLLATE "C" NOT NULL,
    partner_id     text COLLATE "C" NOT NULL,
    aggregate_type text COLLATE "C" NOT NULL,
    aggregate_id   text COLLATE "C" NOT NULL,
    sequences      int8multirange   NOT NULL,
    PRIMARY KEY (read_model, partner_id, aggregate_type, aggregate_id)
);

-- Records a consumer could not decode (not an event envelope, a payload that does not match its type, a
-- tombstone): parked here, raw, so the partition moves on and an operator can look at them. The raw
-- value may hold personal data: it stays in this table and never reaches a log line.
CREATE TABLE consumer_dead_letters (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer       text        NOT NULL,
    topic          text        NOT NULL,
    kafka_partition integer    NOT NULL,
    kafka_offset   bigint      NOT NULL,
    record_key     text,
    raw_value      bytea,
    error          text        NOT NULL,
    parked_at      timestamptz NOT NULL DEFAULT now(),
    -- A redelivered record (a restart before the offsets were committed) is parked once.
    CONSTRAINT consumer_dead_letters_record UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);

-- Per consumer and writing service, the emittedAt of the newest heartbeat applied: every event that
-- service committed before it (on the heartbeat's partition) has been applied. The read side's
-- watermark is the oldest of these over the services it expects.
CREATE TABLE consumer_heartbeats (
    consumer    text        NOT NULL,
    source      text        NOT NULL,
    emitted_at  timestamptz NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, source)
);
