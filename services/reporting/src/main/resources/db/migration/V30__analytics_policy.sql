-- The Analytics default policy (conversationdata:getConversationMetrics → supervisor, admin) for the partners whose
-- defaults were created before it existed: DataActions creates the defaults once per partner, so these would never
-- get it. A partner that already has a policy of that name keeps its own. Numbered 30 so that concurrent branches'
-- V22.. stay before it.
WITH added AS (
    INSERT INTO data_access_policies (partner_id, id, name, description, actions, created_at, updated_at)
    SELECT p.partner_id, gen_random_uuid(), 'Analytics',
           'Counts and durations of conversations by interval, time zone and channel, menu, agent, team or intent.',
           ARRAY['conversationdata:getConversationMetrics'], now(), now()
      FROM data_access_partners p
     WHERE NOT EXISTS (SELECT 1 FROM data_access_policies x WHERE x.partner_id = p.partner_id AND x.name = 'Analytics')
    RETURNING partner_id, id
)
INSERT INTO data_access_role_policies (partner_id, role, policy_id)
SELECT a.partner_id, r.role, a.id FROM added a CROSS JOIN (VALUES ('supervisor'), ('admin')) AS r(role);
