-- Call, participant and transfer ids are integers in the Apps API, unique across partners (another
-- partner's call is still a 404, never a clash).
CREATE SEQUENCE call_id_seq START WITH 1000;
CREATE SEQUENCE call_participant_id_seq START WITH 1000;
CREATE SEQUENCE call_transfer_id_seq START WITH 1000;
