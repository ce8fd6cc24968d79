-- Visual-IVR interactions (InteractionStarted on switchboard.interaction) and their caller attributes, so that a call
-- shows the attributes of the interaction it came from: the caller dials a number with the interaction's unique id
-- appended, and the call keeps that id (calls.interaction_unique_id). Unique ids are reused, so a call's interaction
-- is the one with its unique id that started last, not after the call was created.
CREATE TABLE ivr_interactions (
    partner_id  text        NOT NULL,
    id          text        NOT NULL,
    unique_id   text        NOT NULL,
    started_at  timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX ivr_interactions_unique ON ivr_interactions (partner_id, unique_id, started_at);

CREATE TABLE ivr_caller_attributes (
    partner_id     text NOT NULL,
    interaction_id text NOT NULL,
    name           text NOT NULL,
    value          text,
    PRIMARY KEY (partner_id, interaction_id, name)
);
