-- Webhook subscriptions (a partner admin's data, not a projection: a rebuild leaves them alone) and their
-- deliveries. A delivery row is written in the transaction that applies its event, once per (subscription,
-- event): a redelivered event finds it there. The worker claims due rows with FOR UPDATE SKIP LOCKED and leases
-- them (next_attempt_at moved past the request's timeout) so replicas share the work and a crashed worker's
-- delivery is tried again.
CREATE TABLE webhook_subscriptions (
    id                   uuid PRIMARY KEY,
    partner_id           text COLLATE "C" NOT NULL,
    url                  text        NOT NULL,
    event_types          text[]      NOT NULL,
    description          text,
    -- The signing key itself, not a hash: the worker needs it to sign every delivery.
    secret               text        NOT NULL,
    state                text        NOT NULL CHECK (state IN ('enabled', 'disabled')),
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures int         NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_partner ON webhook_subscriptions (partner_id, created_at DESC, id);

CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id      text COLLATE "C" NOT NULL,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    -- The envelope as libs/events writes it on Kafka: the exact bytes that are signed and sent.
    payload         text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (partner_id, subscription_id, id DESC);

CREATE TABLE webhook_attempts (
    delivery_id  bigint      NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
    attempt      int         NOT NULL,
    partner_id   text COLLATE "C" NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code  int,
    error        text,
    latency_ms   bigint      NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE INDEX webhook_deliveries_completed ON webhook_deliveries (completed_at) WHERE state <> 'pending';
