-- The redaction service's own tables (the event store and the consumer ledger come from the libs, V0_x).
-- Nothing here ever holds a message's raw text or anything of the customer (name, email, phone, identifier):
-- the text exists only in memory while it is analysed (services/redaction/README.md, "Raw text").

-- Per chat, what its messages are described with: the entry menu, the chat's language, whether a virtual
-- agent takes it first, who holds it now. Runtime state: purged after the runtime retention (30 days) without
-- an event of the chat.
CREATE TABLE redaction_chats (
    partner_id     text        NOT NULL,
    chat_id        bigint      NOT NULL,
    menu_id        bigint,
    lang           text,
    bot_first      boolean     NOT NULL DEFAULT false,
    holder_type    text,
    holder_id      bigint,
    holder_name    text,
    holder_segment integer,
    last_event_at  timestamptz NOT NULL,
    PRIMARY KEY (partner_id, chat_id)
);
CREATE INDEX redaction_chats_last_event ON redaction_chats (last_event_at);

-- The redacted messages API's read model: one row per message, redacted. History: purged after the history
-- retention (1 year) from its sent_at. entities: [{type, start, end, score}] (offsets, never values);
-- top_matches: [{intent, confidence, phrase}].
CREATE TABLE redacted_messages (
    partner_id           text             NOT NULL,
    chat_id              bigint           NOT NULL,
    message_id           bigint           NOT NULL,
    segment              integer          NOT NULL,
    sent_at              timestamptz      NOT NULL,
    sender_type          text             NOT NULL,
    sender_id            bigint,
    sender_name          text,
    chat_type            text             NOT NULL,
    session_channel      text             NOT NULL,
    session_channel_info text,
    menu_id              bigint,
    redacted_text        text             NOT NULL,
    entities             jsonb            NOT NULL,
    sentiment            double precision NOT NULL,
    lang                 text,
    topic                text,
    score                double precision,
    top_matches          jsonb            NOT NULL,
    redacted_at          timestamptz      NOT NULL,
    PRIMARY KEY (partner_id, chat_id, message_id)
);
-- The provider endpoint: a partner's messages of a window, in the order they are paged.
CREATE INDEX redacted_messages_window ON redacted_messages (partner_id, sent_at, chat_id, message_id);
-- The purge, across partners.
CREATE INDEX redacted_messages_sent_at ON redacted_messages (sent_at);

-- Names for the answers, from switchboard.interaction: a menu's name is the message's workflow, an agent's
-- email its senderemail (agents only; a customer's email is never stored).
CREATE TABLE redaction_menus (
    partner_id text   NOT NULL,
    menu_id    bigint NOT NULL,
    name       text,
    PRIMARY KEY (partner_id, menu_id)
);
CREATE TABLE redaction_agents (
    partner_id text   NOT NULL,
    agent_id   bigint NOT NULL,
    name       text,
    email      text,
    PRIMARY KEY (partner_id, agent_id)
);

-- A partner's redaction policy: the built-in types it redacts and the mask style. No row: every type, label.
CREATE TABLE redaction_policies (
    partner_id     text        PRIMARY KEY,
    redacted_types text[]      NOT NULL,
    mask_style     text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     text
);

-- Custom entities: a label and either a regex or a word list (checked and probed for catastrophic
-- backtracking when defined, limited at match time).
CREATE TABLE redaction_custom_entities (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id text        NOT NULL,
    label      text        NOT NULL,
    regex      text,
    words      text[],
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text,
    CONSTRAINT redaction_custom_entities_label UNIQUE (partner_id, label),
    CONSTRAINT redaction_custom_entities_kind CHECK ((regex IS NULL) <> (words IS NULL))
);

-- Intents and their example phrases.
CREATE TABLE redaction_intents (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partner_id text        NOT NULL,
    name       text        NOT NULL,
    phrases    text[]      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text,
    CONSTRAINT redaction_intents_name UNIQUE (partner_id, name)
);

-- A record the consumer cannot decode is parked by libs/consumer with its raw value, for an operator to look
-- at. Here that value would be a chat message in clear (a MessageSent the codec refused), so this database
-- keeps only where the record was and the error's class: the value is dropped, the error's message (which
-- may quote the input) cut to the class name. The record itself is still on switchboard.chat.
CREATE FUNCTION redaction_dead_letter_without_value() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.raw_value := NULL;
    NEW.error := split_part(NEW.error, ':', 1);
    RETURN NEW;
END $$;
CREATE TRIGGER redaction_dead_letter_without_value BEFORE INSERT OR UPDATE ON consumer_dead_letters
    FOR EACH ROW EXECUTE FUNCTION redaction_dead_letter_without_value();
