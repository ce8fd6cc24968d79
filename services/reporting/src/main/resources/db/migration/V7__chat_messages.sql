-- Chat messages as the redaction service publishes them (MessageRedacted on switchboard.redaction): redacted
-- text only, the entities by type and offsets (never a value), sentiment, language and intents. The raw text
-- never reaches this database. History: purged after switchboard.reporting.retention.history (1 year) by sent_at.
CREATE TABLE chat_messages (
    partner_id           text COLLATE "C" NOT NULL,
    chat_id              bigint           NOT NULL,
    message_id           bigint           NOT NULL,
    segment              integer          NOT NULL,
    session_id           text             NOT NULL,
    customer_session_id  text             NOT NULL,
    sender_type          text             NOT NULL,
    sender_id            text,
    sender_name          text,
    chat_type            text,
    session_channel      text,
    session_channel_info text,
    menu_id              bigint,
    redacted_text        text             NOT NULL,
    entities             jsonb            NOT NULL,
    sentiment            double precision NOT NULL,
    language             text,
    topic                text,
    score                double precision,
    top_matches          jsonb            NOT NULL,
    sent_at              timestamptz      NOT NULL,
    redacted_at          timestamptz      NOT NULL,
    PRIMARY KEY (partner_id, chat_id, message_id)
);
-- A partner's messages of a time window (the later GraphQL read), and the retention purge's cut-off.
CREATE INDEX chat_messages_sent ON chat_messages (partner_id, sent_at);
CREATE INDEX chat_messages_retention ON chat_messages (sent_at);
