-- Signed custom data is single-use: the id of every accepted token (its jti, or the SHA-256 of its
-- claims) is kept per partner until the token could no longer be accepted anyway (exp + clock skew).
CREATE TABLE signed_data_uses (
    partner_id  text        NOT NULL,
    token_id    text        NOT NULL,
    chat_id     bigint      NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, token_id)
);

CREATE INDEX signed_data_uses_expiry ON signed_data_uses (expires_at);
