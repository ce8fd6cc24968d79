-- Per call, what the Platform Data API's analytics add up (getConversationMetrics): the Manager API's call-segment
-- metrics as whole milliseconds, the lifecycle flags and the grouping keys. Written by the calls projection in the
-- transaction of every batch that touches the call, through the same CallMetricsCalculator and Lifecycle rule as
-- the per-call reads (one definition), so a 30-day aggregate is one GROUP BY instead of 60,000 calculations.
-- change_seq is the calls row's change_seq the measures were computed from: a row that differs (or is missing:
-- calls projected before this migration) is recomputed by the first analytical read over its range.
CREATE TABLE call_measures (
    partner_id          text    NOT NULL,
    call_id             bigint  NOT NULL,
    change_seq          bigint  NOT NULL,
    created_at          timestamptz,
    menu_id             bigint,
    agent_id            bigint,
    ended               boolean NOT NULL,
    contained           boolean NOT NULL,
    abandoned           boolean NOT NULL,
    transferred         boolean NOT NULL,
    deflected           boolean NOT NULL,
    billing_ms          bigint,
    call_ms             bigint,
    ivr_ms              bigint,
    queue_ms            bigint,
    wait_ms             bigint,
    handle_ms           bigint,
    ring_ms             bigint,
    talk_ms             bigint,
    hold_ms             bigint,
    conference_ms       bigint,
    third_party_talk_ms bigint,
    transfer_times      integer NOT NULL,
    transfer_ms         bigint  NOT NULL,
    PRIMARY KEY (partner_id, call_id)
);
CREATE INDEX call_measures_created ON call_measures (partner_id, created_at);
