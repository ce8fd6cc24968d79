-- Idempotency-Key of POST /apps/api/v1/chats: the first request with a key reserves the chat id,
-- a retry with the same key and body gets that chat back, the same key with another body is refused.
-- (Messages need no table: their keys live in the chat aggregate.)
CREATE TABLE chat_idempotency (
    partner_id      text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    chat_id         bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, idempotency_key)
);
