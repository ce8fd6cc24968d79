-- Per-partner API credentials for HTTP Basic clients of the Manager and Apps APIs (libs/web).
-- Only a SHA-256 of the secret is kept: the token is shown once, when it is issued.
CREATE TABLE api_credentials (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id   text        NOT NULL,
    name         text        NOT NULL,
    roles        text[]      NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text,
    revoked_at   timestamptz
);

CREATE INDEX api_credentials_partner ON api_credentials (partner_id, id);
