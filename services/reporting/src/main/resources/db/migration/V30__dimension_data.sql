-- Platform Data API, dimensiondata (README "Platform Data API"). V30: the conversationdata and analytics branches
-- add V22.. in parallel.

-- Which generation of the default policies a partner has (DataActions.DEFAULTS_VERSION): partners seeded before
-- the "Dimension access" default (generation 2) get it on their next use of the API, once
-- (AccessPolicies.ensureDefaults), unless they already have a policy of that name.
ALTER TABLE data_access_partners ADD COLUMN defaults_version integer NOT NULL DEFAULT 1;

-- getIntents: a partner's intents found as topics of its redacted messages, aggregated from the index alone.
CREATE INDEX chat_messages_topic ON chat_messages (partner_id, topic) INCLUDE (chat_id, score, sent_at)
    WHERE topic IS NOT NULL;
