-- Which agent has which call or chat: call and chat events that end work (ParticipantLeft, CallEnded,
-- ChatFinished) do not name the agent. participant_id is 0 for work connected without a participant
-- id (CallConnected, ChatAssigned). Written idempotently, so a redelivered event adds nothing.
CREATE TABLE agent_work (
    partner_id     text   NOT NULL,
    work_type      text   NOT NULL CHECK (work_type IN ('call', 'chat')),
    work_id        bigint NOT NULL,
    participant_id bigint NOT NULL,
    agent_id       bigint NOT NULL,
    PRIMARY KEY (partner_id, work_type, work_id, participant_id, agent_id)
);
