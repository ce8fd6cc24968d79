-- Chat ids are integers in the Apps API, unique across partners (a chat of another partner is
-- still a 404, never a clash).
CREATE SEQUENCE chat_id_seq START WITH 1000;
