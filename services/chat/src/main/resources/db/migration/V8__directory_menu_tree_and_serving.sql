-- What the chat object and a new chat's features need from the directory besides names (docs/api/chat.md#the-chat-object):
-- a menu's parent (the menu path from the root), who serves the menu (its virtual agent and teams, so a new
-- chat knows whether it starts with a bot, can reach people and can be escalated), whether those teams are
-- still active, and a virtual agent's avatar. Rows written before this version have these columns empty
-- until their entity changes again or the read model is rebuilt (POST /admin/read-models/chat/rebuild).
ALTER TABLE directory_menus
    ADD COLUMN parent_id        bigint,
    ADD COLUMN virtual_agent_id bigint,
    ADD COLUMN team_ids         bigint[] NOT NULL DEFAULT '{}';

ALTER TABLE directory_virtual_agents
    ADD COLUMN avatar_url text;

CREATE TABLE directory_teams (
    partner_id  text    NOT NULL,
    team_id     bigint  NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    PRIMARY KEY (partner_id, team_id)
);
