-- A per-database sequence stamped on a call or chat row at every change. Unlike updated_at (the
-- newest event time, which a late event from the past does not move), it only grows with
-- application order, so a client tailing by it (Link rel="next" cursor) never skips a change.
CREATE SEQUENCE projection_change_seq;
ALTER TABLE calls ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('projection_change_seq');
ALTER TABLE chats ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('projection_change_seq');
CREATE INDEX calls_change_seq ON calls (partner_id, change_seq);
CREATE INDEX chats_change_seq ON chats (partner_id, change_seq);
