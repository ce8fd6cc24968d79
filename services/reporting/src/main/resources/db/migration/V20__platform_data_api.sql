-- Platform Data API (README "Platform Data API"). V20 and up: other branches add V7.. in parallel.

-- The customer's e-mail and phone of a chat (ChatCreated's end user, EndUserUpdated), so conversations can be
-- found by them. Rows projected before V20 get them on a rebuild of the chats projection.
ALTER TABLE chats ADD COLUMN end_user_email text, ADD COLUMN end_user_phone text;
CREATE INDEX chats_end_user_email ON chats (partner_id, lower(end_user_email)) WHERE end_user_email IS NOT NULL;
CREATE INDEX chats_end_user ON chats (partner_id, end_user_id) WHERE end_user_id IS NOT NULL;
CREATE INDEX chats_created ON chats (partner_id, created_at, id);
CREATE INDEX calls_created ON calls (partner_id, created_at, id);
CREATE INDEX calls_end_user_number ON calls (partner_id, end_user_number) WHERE end_user_number IS NOT NULL;
CREATE INDEX call_participants_end_user ON call_participants (partner_id, end_user_id) WHERE end_user_id IS NOT NULL;
CREATE INDEX call_participants_user ON call_participants (partner_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX chat_participants_user ON chat_participants (partner_id, user_id) WHERE user_id IS NOT NULL;

-- Access policies are data: a partner's named sets of actions ("conversationdata:getConversationById"), assigned to
-- roles. data_access_partners marks a partner whose three default policies were created (once, on first use), so a
-- partner admin may change or delete them for good.
CREATE TABLE data_access_partners (
    partner_id text COLLATE "C" PRIMARY KEY,
    seeded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_access_policies (
    partner_id  text COLLATE "C" NOT NULL,
    id          uuid        NOT NULL,
    name        text        NOT NULL,
    description text,
    actions     text[]      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (partner_id, id),
    UNIQUE (partner_id, name)
);

CREATE TABLE data_access_role_policies (
    partner_id text COLLATE "C" NOT NULL,
    role       text COLLATE "C" NOT NULL,
    policy_id  uuid NOT NULL,
    PRIMARY KEY (partner_id, role, policy_id),
    FOREIGN KEY (partner_id, policy_id) REFERENCES data_access_policies (partner_id, id) ON DELETE CASCADE
);
