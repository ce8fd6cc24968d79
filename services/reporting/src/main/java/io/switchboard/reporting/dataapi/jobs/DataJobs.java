package io.switchboard.reporting.dataapi.jobs;

import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The jobs and their rows (tables {@code data_jobs}, {@code data_job_rows}, migration V35). */
@ApplicationScoped
public class DataJobs {
    private static final String COLUMNS = """
            job_id, partner_id, requested_by, agent_id, domain, action, query, variables::text AS variables, operation_name,
            format, status, rows_written, total_count, next_cursor, error, created_at, started_at, finished_at, expires_at""";

    private final DataSource dataSource;

    public DataJobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A job as stored. */
    public record Job(UUID jobId, String partnerId, String requestedBy, Long agentId, String domain, String action,
                      String query, String variables, String operationName, String format, String status, long rows,
                      Long totalCount, String nextCursor, String error, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Instant expiresAt) {
        public boolean finished() {
            return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
        }
    }

    /** A stored row: its position in the job and its JSON. */
    public record Row(long seq, String json) {
    }

    public void submit(Job job) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, """
                            INSERT INTO data_jobs (job_id, partner_id, requested_by, agent_id, domain, action, query, variables,
                                                   operation_name, format, status, created_at, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 'queued', ?, ?)""",
                    job.jobId(), job.partnerId(), job.requestedBy(), job.agentId(), job.domain(), job.action(), job.query(),
                    job.variables(), job.operationName(), job.format(), Timestamp.from(job.createdAt()),
                    Timestamp.from(job.expiresAt()));
        }
    }

    public long unfinished(String partnerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM data_jobs WHERE partner_id = ? AND status IN ('queued', 'running')")) {
            s.setString(1, partnerId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Job> find(String partnerId, UUID jobId) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM data_jobs WHERE job_id = ? AND partner_id = ?", jobId, partnerId);
    }

    /** The partner's newest jobs. */
    public List<Job> list(String partnerId, int limit) throws SQLException {
        return many("SELECT " + COLUMNS + " FROM data_jobs WHERE partner_id = ? ORDER BY created_at DESC, job_id LIMIT ?",
                partnerId, limit);
    }

    /** Cancels a queued or running job; a finished one stays as it is. */
    public Optional<Job> cancel(String partnerId, UUID jobId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, """
                    UPDATE data_jobs SET status = 'cancelled', finished_at = ?, lease_until = NULL
                    WHERE job_id = ? AND partner_id = ? AND status IN ('queued', 'running')""",
                    Timestamp.from(now), jobId, partnerId);
        }
        return find(partnerId, jobId);
    }

    /**
     * Takes the oldest job that is queued, or running with a lease that ran out (its worker stopped), for
     * {@code lease}; several instances never take the same job.
     */
    public Optional<Job> claim(Instant now, Duration lease) throws SQLException {
        return one("""
                UPDATE data_jobs SET status = 'running', started_at = COALESCE(started_at, ?), lease_until = ?
                WHERE job_id = (SELECT job_id FROM data_jobs
                                 WHERE status = 'queued' OR (status = 'running' AND lease_until < ?)
                                 ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS, Timestamp.from(now), Timestamp.from(now.plus(lease)), Timestamp.from(now));
    }

    /**
     * Keeps a page's rows and the cursor after it, in one transaction, if the job is still running (not cancelled
     * meanwhile); {@code done} finishes it. Whether the job goes on.
     */
    public boolean savePage(UUID jobId, List<String> rows, long firstSeq, String nextCursor, Long totalCount, boolean done,
                            Instant now, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("SELECT status FROM data_jobs WHERE job_id = ? FOR UPDATE")) {
                    s.setObject(1, jobId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next() || !rs.getString(1).equals("running")) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO data_job_rows (job_id, seq, row) VALUES (?, ?, ?::json)")) {
                    long seq = firstSeq;
                    for (String row : rows) {
                        s.setObject(1, jobId);
                        s.setLong(2, seq++);
                        s.setString(3, row);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                Sql.update(c, """
                                UPDATE data_jobs SET rows_written = rows_written + ?, next_cursor = ?,
                                       total_count = COALESCE(?, total_count), lease_until = ?,
                                       status = CASE WHEN ? THEN 'succeeded' ELSE status END,
                                       finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                                WHERE job_id = ?""",
                        (long) rows.size(), nextCursor, totalCount, done ? null : Timestamp.from(now.plus(lease)), done, done,
                        Timestamp.from(now), jobId);
                c.commit();
                return !done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public void fail(UUID jobId, String error, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, """
                    UPDATE data_jobs SET status = 'failed', error = ?, finished_at = ?, lease_until = NULL
                    WHERE job_id = ? AND status = 'running'""",
                    error.length() > 1_000 ? error.substring(0, 1_000) : error, Timestamp.from(now), jobId);
        }
    }

    /** Up to {@code limit} rows after {@code afterSeq}. */
    public List<Row> rows(UUID jobId, long afterSeq, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, row::text FROM data_job_rows WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            s.setObject(1, jobId);
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return rows;
    }

    /** Every row in order, streamed from the database (a cursor, not the whole result in memory). */
    public void eachRow(UUID jobId, Consumer<String> row) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT row::text FROM data_job_rows WHERE job_id = ? ORDER BY seq")) {
                s.setFetchSize(500);
                s.setObject(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs.getString(1));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Removes jobs past their expiry, with their rows; how many. */
    public int purgeExpired(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Sql.update(c, """
                    DELETE FROM data_jobs WHERE job_id IN (SELECT job_id FROM data_jobs WHERE expires_at < ? LIMIT 100)""",
                    Timestamp.from(now));
        }
    }

    private Optional<Job> one(String sql, Object... params) throws SQLException {
        List<Job> jobs = many(sql, params);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    private List<Job> many(String sql, Object... params) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(c, s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getObject("job_id", UUID.class), rs.getString("partner_id"),
                            rs.getString("requested_by"), Sql.longOrNull(rs, "agent_id"), rs.getString("domain"),
                            rs.getString("action"), rs.getString("query"), rs.getString("variables"),
                            rs.getString("operation_name"), rs.getString("format"), rs.getString("status"),
                            rs.getLong("rows_written"), Sql.longOrNull(rs, "total_count"), rs.getString("next_cursor"),
                            rs.getString("error"), Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"),
                            Sql.instant(rs, "finished_at"), Sql.instant(rs, "expires_at")));
                }
            }
        }
        return jobs;
    }
}
