-- The router's own read model, built only from events on switchboard.interaction and switchboard.chat
-- (never from the directory's or the call package's tables), so routing keeps working from the
-- topics alone and can be rebuilt by replaying them.

-- Every event the router has applied: recorded in the same transaction as its effect, so a
-- redelivered event (Debezium is at-least-once) changes nothing.
CREATE TABLE routing_applied_event (
    event_id   uuid        PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- An agent as the router sees it. A row may exist before AgentCreated arrives (a membership or a
-- status of an agent whose creation is still on its way). idle_since is when the agent last became
-- available; reserved_* is work routed to the agent whose status change has not arrived yet.
CREATE TABLE routing_agent (
    partner_id       text        NOT NULL,
    agent_id         bigint      NOT NULL,
    name             text,
    active           boolean     NOT NULL DEFAULT true,
    status           text        NOT NULL DEFAULT 'offline',
    status_at        timestamptz,
    idle_since       timestamptz,
    reserved_kind    text,
    reserved_work_id bigint,
    reserved_at      timestamptz,
    PRIMARY KEY (partner_id, agent_id)
);

CREATE TABLE routing_team (
    partner_id text    NOT NULL,
    team_id    bigint  NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, team_id)
);

-- Last writer wins on changed_at: an add and a remove of the same membership converge whatever
-- order they arrive in.
CREATE TABLE routing_team_member (
    partner_id text        NOT NULL,
    team_id    bigint      NOT NULL,
    agent_id   bigint      NOT NULL,
    member     boolean     NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, team_id, agent_id)
);

CREATE TABLE routing_menu (
    partner_id       text     NOT NULL,
    menu_id          bigint   NOT NULL,
    name             text,
    channel          text,
    team_ids         bigint[] NOT NULL DEFAULT '{}',
    virtual_agent_id bigint,
    active           boolean  NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, menu_id)
);

CREATE TABLE routing_virtual_agent (
    partner_id       text    NOT NULL,
    virtual_agent_id bigint  NOT NULL,
    name             text,
    active           boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, virtual_agent_id)
);

-- A chat or call that needs (or needed) someone. state: pending (waiting for an assignee),
-- routing (assignee chosen at routing_at, output not yet confirmed), routed (ChatRouted written or
-- the agent rung), claimed (an agent took the chat himself), assigned (the chat or call reached
-- someone), closed (finished, ended, or no longer needing anyone). request_id is the event that
-- asked for routing: the causation id of the resulting ChatRouted, which makes it idempotent.
CREATE TABLE routing_work (
    partner_id    text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('chat', 'call')),
    work_id       bigint      NOT NULL,
    menu_id       bigint,
    state         text        NOT NULL CHECK (state IN ('pending', 'routing', 'routed', 'claimed', 'assigned', 'closed')),
    trigger       text        NOT NULL,
    escalation_id bigint,
    human_only    boolean     NOT NULL DEFAULT false,
    request_id    uuid        NOT NULL,
    queued_at     timestamptz NOT NULL,
    assignee_type text,
    assignee_id   bigint,
    assignee_name text,
    team_id       bigint,
    routing_at    timestamptz,
    PRIMARY KEY (partner_id, kind, work_id)
);

CREATE INDEX routing_work_open ON routing_work (partner_id, queued_at) WHERE state IN ('pending', 'routing');
