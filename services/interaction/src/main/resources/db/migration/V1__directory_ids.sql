-- Directory ids are integers in the Manager API, unique across partners (another partner's id is
-- still a 404, never a clash).
CREATE SEQUENCE agent_id_seq START WITH 1000;
CREATE SEQUENCE team_id_seq START WITH 1000;
CREATE SEQUENCE menu_id_seq START WITH 1000;
CREATE SEQUENCE virtual_agent_id_seq START WITH 1000;
