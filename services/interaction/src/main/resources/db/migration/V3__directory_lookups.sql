-- The members of a team are found from the agents' TeamMemberAdded events.
CREATE INDEX event_store_team_member_idx ON event_store (partner_id, ((payload -> 'data' ->> 'teamId')))
    WHERE event_type = 'TeamMemberAdded';
-- The wrap-up sweep reads each agent's latest status change.
CREATE INDEX event_store_agent_status_idx ON event_store (stream_id, version DESC)
    WHERE event_type = 'AgentStatusChanged';
