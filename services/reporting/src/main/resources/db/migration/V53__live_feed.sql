-- The live stream's durable feed (README "Live stream"): one row per call, chat or agent status a projection batch
-- changed, written in that batch's transaction with the row's state after it (body = the SSE payload).
-- The cursor is (xid, seq): readers only read rows whose writing transaction is older than every transaction
-- still running (pg_snapshot_xmin), so a row that commits later can never land below a cursor already handed out,
-- which a bare sequence would allow (sequence values are taken before commit, in no commit order).
CREATE TABLE live_feed (
    partner_id text        NOT NULL,
    xid        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    seq        bigserial   NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('call', 'chat', 'agentStatus')),
    entity_id  bigint      NOT NULL,
    body       jsonb       NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, xid, seq)
);
-- The retention purge deletes by transaction id across partners.
CREATE INDEX live_feed_xid ON live_feed (xid);

-- Every row below before_xid may have been purged: a cursor below it is too old to resume from (event: reset).
-- Raised before the rows are deleted, so a reader that misses a deleted row also sees the raised mark.
CREATE TABLE live_feed_purged (
    id         int  PRIMARY KEY CHECK (id = 1),
    before_xid xid8 NOT NULL
);
INSERT INTO live_feed_purged VALUES (1, '0');
