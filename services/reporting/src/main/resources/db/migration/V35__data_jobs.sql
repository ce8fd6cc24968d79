-- Asynchronous Platform Data API jobs: a connection query run page by page in the background, its rows kept
-- for paged reading or one NDJSON/CSV download until expires_at. State is here, not in memory, so a job survives
-- a restart: a running job's lease runs out and the next worker goes on from its cursor (the rows of a page and
-- the cursor after it are written in one transaction, so no row is kept twice or lost).
CREATE TABLE data_jobs (
    job_id         uuid PRIMARY KEY,
    partner_id     text COLLATE "C" NOT NULL,
    requested_by   text        NOT NULL,
    agent_id       bigint,
    domain         text        NOT NULL,
    action         text        NOT NULL,
    query          text        NOT NULL,
    variables      jsonb       NOT NULL,
    operation_name text,
    format         text        NOT NULL CHECK (format IN ('ndjson', 'csv')),
    status         text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    rows_written   bigint      NOT NULL DEFAULT 0,
    total_count    bigint,
    next_cursor    text,
    error          text,
    created_at     timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    expires_at     timestamptz NOT NULL,
    lease_until    timestamptz
);
CREATE INDEX data_jobs_partner ON data_jobs (partner_id, created_at DESC);
CREATE INDEX data_jobs_pending ON data_jobs (created_at) WHERE status IN ('queued', 'running');
CREATE TABLE data_job_rows (
    job_id uuid   NOT NULL REFERENCES data_jobs ON DELETE CASCADE,
    seq    bigint NOT NULL,
    row    json   NOT NULL, -- json, not jsonb: a row keeps the order of the fields the query selected (CSV columns)
    PRIMARY KEY (job_id, seq)
);
