-- Interaction history (seed 003). Interactions are folded from their events; these tables are the
-- indexes the event store cannot give: which interaction a unique id or caller attribute points to.
-- A trigger on event_store fills them in the same statement (and so the same transaction) as the
-- events themselves, so they can never disagree with the store, and a unique id that is already in
-- use by an ACTIVE interaction of the account makes the InteractionStarted append fail as a whole.

-- The internal id of an interaction (its stream is interaction-<id>); the public id is its unique id.
CREATE SEQUENCE interaction_id_seq START WITH 1000;

CREATE TABLE interaction_unique_ids (
    interaction_id bigint      PRIMARY KEY,
    partner_id     text        NOT NULL,
    account_id     text        NOT NULL,
    unique_id      text        NOT NULL,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz
);
-- A unique id is free again once its interaction has ended.
CREATE UNIQUE INDEX interaction_unique_ids_active
    ON interaction_unique_ids (partner_id, account_id, unique_id) WHERE ended_at IS NULL;
CREATE INDEX interaction_unique_ids_lookup
    ON interaction_unique_ids (partner_id, account_id, unique_id, started_at DESC);

-- Caller attributes other than the DTMF code (which is the unique id itself): call_return_number,
-- click_to_call_caller_id, dnid, history_search_id. The latest assignment of an attribute wins.
CREATE TABLE interaction_caller_attributes (
    interaction_id bigint NOT NULL REFERENCES interaction_unique_ids (interaction_id),
    partner_id     text   NOT NULL,
    account_id     text   NOT NULL,
    attribute      text   NOT NULL,
    value          text   NOT NULL,
    PRIMARY KEY (interaction_id, attribute)
);
CREATE INDEX interaction_caller_attributes_lookup
    ON interaction_caller_attributes (partner_id, account_id, value);

CREATE FUNCTION interaction_history_index() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d   jsonb  := NEW.payload -> 'data';
    iid bigint := (NEW.payload -> 'data' ->> 'interactionId')::bigint;
BEGIN
    IF NEW.event_type = 'InteractionStarted' THEN
        INSERT INTO interaction_unique_ids (interaction_id, partner_id, account_id, unique_id, started_at)
        VALUES (iid, NEW.partner_id, d ->> 'accountId', d ->> 'uniqueId', NEW.occurred_at);
        INSERT INTO interaction_caller_attributes (interaction_id, partner_id, account_id, attribute, value)
        SELECT iid, NEW.partner_id, d ->> 'accountId', a.key, a.value
        FROM jsonb_each_text(coalesce(d -> 'callerAttributes', '{}'::jsonb)) a
        WHERE a.value IS NOT NULL;
    ELSIF NEW.event_type = 'UserVariablesSet' AND d -> 'variables' ? 'historySearchId' THEN
        INSERT INTO interaction_caller_attributes (interaction_id, partner_id, account_id, attribute, value)
        SELECT u.interaction_id, u.partner_id, u.account_id, 'history_search_id', d -> 'variables' ->> 'historySearchId'
        FROM interaction_unique_ids u WHERE u.interaction_id = iid
        ON CONFLICT (interaction_id, attribute) DO UPDATE SET value = EXCLUDED.value;
    ELSIF NEW.event_type = 'InteractionEnded' THEN
        UPDATE interaction_unique_ids SET ended_at = NEW.occurred_at WHERE interaction_id = iid;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER interaction_history_index
    AFTER INSERT ON event_store
    FOR EACH ROW WHEN (NEW.stream_type = 'interaction')
    EXECUTE FUNCTION interaction_history_index();

-- Uploaded photos until the media service exists (then they move there and this table goes away).
-- A photo is only reachable through the photo step that names it, so a row whose step was refused
-- (and which the store deletes again) is never served.
CREATE TABLE interaction_photos (
    photo_id       uuid        PRIMARY KEY,
    partner_id     text        NOT NULL,
    account_id     text        NOT NULL,
    interaction_id bigint      NOT NULL,
    content_type   text        NOT NULL,
    width          integer     NOT NULL,
    height         integer     NOT NULL,
    bytes          bytea       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
