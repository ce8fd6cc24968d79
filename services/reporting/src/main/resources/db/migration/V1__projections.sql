-- Read models of the reporting service. Every table is keyed by (partner_id, id): the partner is the
-- envelope's partnerId, so one partner's rows can never answer another partner's query.
-- Every event upserts only the columns it knows, so rows converge whatever order aggregates interleave in.

CREATE TABLE applied_events (
    partner_id     text        NOT NULL,
    event_id       uuid        NOT NULL,
    event_type     text        NOT NULL,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    applied_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, event_id)
);
CREATE INDEX applied_events_partner_occurred ON applied_events (partner_id, occurred_at DESC);

CREATE TABLE calls (
    partner_id           text   NOT NULL,
    id                   bigint NOT NULL,
    call_type            text,
    created_status       text,
    ended_status         text,
    menu_id              bigint,
    lang                 text,
    agent_id             bigint,
    connected_agent_id   bigint,
    parent_id            bigint,
    end_user_number      text,
    outbound_number      text,
    interaction_unique_id text,
    recording_permission text,
    scheduled_at         timestamptz,
    created_at           timestamptz,
    queued_at            timestamptz,
    connecting_at        timestamptz,
    connected_at         timestamptz,
    ended_at             timestamptz,
    held_at              timestamptz,
    duration_ms          bigint,
    hold_duration_ms     bigint,
    disconnected_by      text,
    fail_reason          text,
    recording_url        text,
    voicemail_duration_ms bigint,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX calls_updated ON calls (partner_id, updated_at, id);

CREATE TABLE call_participants (
    partner_id       text   NOT NULL,
    id               bigint NOT NULL,
    call_id          bigint NOT NULL,
    participant_type text,
    user_id          bigint,
    end_user_id      bigint,
    phone_number     text,
    connected_at     timestamptz,
    ended_at         timestamptz,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX call_participants_call ON call_participants (partner_id, call_id);

CREATE TABLE call_transfers (
    partner_id    text   NOT NULL,
    id            bigint NOT NULL,
    call_id       bigint NOT NULL,
    target_type   text,
    from_agent_id bigint,
    to_agent_id   bigint,
    to_team_id    bigint,
    to_number     text,
    created_at    timestamptz,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX call_transfers_call ON call_transfers (partner_id, call_id);

CREATE TABLE agents (
    partner_id        text   NOT NULL,
    id                bigint NOT NULL,
    name              text,
    first_name        text,
    last_name         text,
    email             text,
    avatar_url        text,
    agent_number      text,
    roles             text[],
    created_at        timestamptz,
    status            text,
    status_reason     text,
    status_updated_at timestamptz,
    deleted           boolean NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX agents_updated ON agents (partner_id, updated_at, id);

-- Membership is last-writer-wins by the time of the change, so AgentCreated.teamIds and
-- TeamMemberAdded/Removed converge whatever order the agent and team streams interleave in.
CREATE TABLE team_members (
    partner_id text        NOT NULL,
    team_id    bigint      NOT NULL,
    agent_id   bigint      NOT NULL,
    member     boolean     NOT NULL,
    as_of      timestamptz NOT NULL,
    PRIMARY KEY (partner_id, team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members (partner_id, agent_id);

CREATE TABLE agent_status_log (
    partner_id      text        NOT NULL,
    id              bigint      NOT NULL,
    agent_id        bigint      NOT NULL,
    status          text        NOT NULL,
    previous_status text,
    reason          text,
    started_at      timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX agent_status_log_agent ON agent_status_log (partner_id, agent_id, started_at);
CREATE INDEX agent_status_log_started ON agent_status_log (partner_id, started_at, id);

CREATE TABLE changed_details (
    partner_id  text        NOT NULL,
    id          bigint      NOT NULL,
    entity_type text        NOT NULL,
    entity_id   bigint      NOT NULL,
    field       text        NOT NULL,
    former_value text,
    new_value   text,
    changed_at  timestamptz NOT NULL,
    changed_by  bigint,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX changed_details_changed ON changed_details (partner_id, changed_at, id);

CREATE TABLE teams (
    partner_id text   NOT NULL,
    id         bigint NOT NULL,
    name       text,
    parent_id  bigint,
    created_at timestamptz,
    deleted    boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);

CREATE TABLE menus (
    partner_id       text   NOT NULL,
    id               bigint NOT NULL,
    name             text,
    channel          text,
    menu_type        text,
    parent_id        bigint,
    team_ids         bigint[],
    virtual_agent_id bigint,
    created_at       timestamptz,
    deleted          boolean NOT NULL DEFAULT false,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);

CREATE TABLE chats (
    partner_id          text   NOT NULL,
    id                  bigint NOT NULL,
    created_status      text,
    status              text,
    status_changed_at   timestamptz,
    menu_id             bigint,
    lang                text,
    end_user_id         bigint,
    end_user_identifier text,
    created_at          timestamptz,
    assigned_at         timestamptz,
    ended_at            timestamptz,
    finished_status     text,
    finish_reason       text,
    message_count       integer NOT NULL DEFAULT 0,
    first_msg_sent_at   timestamptz,
    last_msg_sent_at    timestamptz,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
CREATE INDEX chats_updated ON chats (partner_id, updated_at, id);

-- One row per hand-over (ChatAssigned); it ends when the next one starts or the chat ends.
CREATE TABLE chat_participants (
    partner_id       text        NOT NULL,
    chat_id          bigint      NOT NULL,
    segment          integer     NOT NULL,
    participant_type text        NOT NULL,
    user_id          bigint,
    name             text,
    connected_at     timestamptz NOT NULL,
    PRIMARY KEY (partner_id, chat_id, segment)
);

CREATE TABLE virtual_agents (
    partner_id text   NOT NULL,
    id         bigint NOT NULL,
    name       text,
    deleted    boolean NOT NULL DEFAULT false,
    created_at timestamptz,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id)
);
