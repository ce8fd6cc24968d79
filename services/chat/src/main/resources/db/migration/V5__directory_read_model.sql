-- The chat service's own view of the interaction service's directory (agents, virtual agents,
-- menus), built from switchboard.interaction: the chat object shows names without calling anyone.
CREATE TABLE directory_agents (
    partner_id  text   NOT NULL,
    agent_id    bigint NOT NULL,
    name        text,
    first_name  text,
    avatar_url  text,
    status      text,
    active      boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, agent_id)
);

CREATE TABLE directory_virtual_agents (
    partner_id        text   NOT NULL,
    virtual_agent_id  bigint NOT NULL,
    name              text,
    active            boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, virtual_agent_id)
);

CREATE TABLE directory_menus (
    partner_id  text   NOT NULL,
    menu_id     bigint NOT NULL,
    name        text,
    active      boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, menu_id)
);

-- Events of switchboard.interaction already applied: Debezium delivers at least once.
CREATE TABLE applied_interaction_events (
    event_id    uuid PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE escalation_id_seq;
