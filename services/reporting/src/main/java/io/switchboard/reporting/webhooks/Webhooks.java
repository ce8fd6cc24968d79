package io.switchboard.reporting.webhooks;

import io.switchboard.reporting.webhooks.WebhookViews.Webhook;
import io.switchboard.reporting.webhooks.WebhookViews.WebhookAttempt;
import io.switchboard.reporting.webhooks.WebhookViews.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The subscriptions and their delivery log (JDBC). Every statement of the API is scoped by the partner; the
 * worker's statements ({@link #claim}, {@link #record}) run across partners, by delivery id.
 */
@ApplicationScoped
public class Webhooks {
    private static final String COLUMNS = "id, url, event_types, description, state, disabled_reason, disabled_at, "
            + "consecutive_failures, created_at, updated_at";

    private final DataSource dataSource;

    public Webhooks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new subscription unless the partner already has {@code max}; the count is taken under a per-partner lock. */
    public Optional<Webhook> create(String partner, UUID id, String url, List<String> eventTypes, String description,
                                    String secret, Instant now, int max) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('webhooks:' || ?))")) {
                    lock.setString(1, partner);
                    lock.execute();
                }
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM webhook_subscriptions WHERE partner_id = ?")) {
                    count.setString(1, partner);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) >= max) {
                            c.rollback();
                            return Optional.empty();
                        }
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO webhook_subscriptions (id, partner_id, url, event_types, description, secret, state,
                                                           created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'enabled', ?, ?)""")) {
                    insert.setObject(1, id);
                    insert.setString(2, partner);
                    insert.setString(3, url);
                    insert.setArray(4, c.createArrayOf("text", eventTypes.toArray()));
                    insert.setString(5, description);
                    insert.setString(6, secret);
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.setTimestamp(8, Timestamp.from(now));
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(partner, id);
    }

    public Optional<Webhook> find(String partner, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE partner_id = ? AND id = ?")) {
            s.setString(1, partner);
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(webhook(rs)) : Optional.empty();
            }
        }
    }

    /** Newest first by (created_at, id); {@code after} is the last row of the previous page. */
    public List<Webhook> list(String partner, Cursor after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE partner_id = ?"
                + (after == null ? "" : " AND (created_at, id) < (?, ?)")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, partner);
            if (after != null) {
                s.setTimestamp(i++, Timestamp.from(after.at()));
                s.setObject(i++, after.id());
            }
            s.setInt(i, limit);
            List<Webhook> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(webhook(rs));
                }
            }
            return rows;
        }
    }

    /** Removes the subscription and its delivery log; false if the partner has no such subscription. */
    public boolean delete(String partner, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhook_subscriptions WHERE partner_id = ? AND id = ?")) {
            s.setString(1, partner);
            s.setObject(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Enables the subscription again with a clean failure count; its deliveries still pending (those enqueued
     * before it was disabled) are due at once.
     */
    public Optional<Webhook> enable(String partner, UUID id, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE webhook_subscriptions SET state = 'enabled', disabled_reason = NULL, disabled_at = NULL,
                               consecutive_failures = 0, updated_at = ?
                        WHERE partner_id = ? AND id = ?""")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, partner);
                    s.setObject(3, id);
                    changed = s.executeUpdate();
                }
                if (changed == 1) {
                    try (PreparedStatement s = c.prepareStatement("""
                            UPDATE webhook_deliveries SET next_attempt_at = ?
                            WHERE subscription_id = ? AND state = 'pending' AND next_attempt_at > ?""")) {
                        s.setTimestamp(1, Timestamp.from(now));
                        s.setObject(2, id);
                        s.setTimestamp(3, Timestamp.from(now));
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(partner, id);
    }

    /** What a ping found: the delivery enqueued, or why none was. */
    public enum PingResult { ENQUEUED, NOT_FOUND, DISABLED }

    /** Enqueues a test delivery (not a domain event) for the subscription, due at once, if it exists and is enabled. */
    public PingResult ping(String partner, UUID id, UUID eventId, String type, String payload, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT state FROM webhook_subscriptions WHERE partner_id = ? AND id = ? FOR SHARE")) {
                    s.setString(1, partner);
                    s.setObject(2, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return PingResult.NOT_FOUND;
                        }
                        if (!rs.getString(1).equals("enabled")) {
                            c.rollback();
                            return PingResult.DISABLED;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO webhook_deliveries (partner_id, subscription_id, event_id, event_type, payload, state,
                                                        next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)""")) {
                    s.setString(1, partner);
                    s.setObject(2, id);
                    s.setObject(3, eventId);
                    s.setString(4, type);
                    s.setString(5, payload);
                    s.setTimestamp(6, Timestamp.from(now));
                    s.setTimestamp(7, Timestamp.from(now));
                    s.executeUpdate();
                }
                c.commit();
                return PingResult.ENQUEUED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A subscription's deliveries, newest first, each with its attempts; {@code beforeId} continues a page. */
    public List<WebhookDelivery> deliveries(String partner, UUID subscription, Long beforeId, int limit) throws SQLException {
        String sql = """
                SELECT id, event_id, event_type, state, attempts, created_at, next_attempt_at, completed_at
                FROM webhook_deliveries WHERE partner_id = ? AND subscription_id = ?""" + (beforeId == null ? "" : " AND id < ?")
                + " ORDER BY id DESC LIMIT ?";
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, partner);
                s.setObject(i++, subscription);
                if (beforeId != null) {
                    s.setLong(i++, beforeId);
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString("state");
                        rows.put(rs.getLong("id"), new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                                rs.getString("event_type"), state, rs.getInt("attempts"), instant(rs, "created_at"),
                                state.equals("pending") ? instant(rs, "next_attempt_at") : null, instant(rs, "completed_at"),
                                new ArrayList<>()));
                    }
                }
            }
            if (!rows.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT delivery_id, attempt, attempted_at, status_code, error, latency_ms FROM webhook_attempts
                        WHERE partner_id = ? AND delivery_id = ANY(?) ORDER BY delivery_id, attempt""")) {
                    s.setString(1, partner);
                    s.setArray(2, c.createArrayOf("int8", rows.keySet().toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            int code = rs.getInt("status_code");
                            Integer status = rs.wasNull() ? null : code;
                            rows.get(rs.getLong("delivery_id")).attemptLog().add(new WebhookAttempt(rs.getInt("attempt"),
                                    instant(rs, "attempted_at"), status, rs.getString("error"), rs.getLong("latency_ms")));
                        }
                    }
                }
            }
        }
        return rows.values().stream().map(Row::view).toList();
    }

    private record Row(long id, UUID eventId, String eventType, String state, int attempts, Instant createdAt,
                       Instant nextAttemptAt, Instant completedAt, List<WebhookAttempt> attemptLog) {
        WebhookDelivery view() {
            return new WebhookDelivery(id, eventId, eventType, state, attempts, createdAt, nextAttemptAt, completedAt,
                    List.copyOf(attemptLog));
        }
    }

    /** The position of a subscription in the newest-first list. */
    public record Cursor(Instant at, UUID id) {
    }

    /** A delivery the worker took: what it needs to send it and to record the outcome. */
    public record Claimed(long id, String partnerId, UUID subscriptionId, String url, String secret, UUID eventId,
                          String eventType, String payload, int attempts) {
    }

    /**
     * Takes up to {@code limit} due deliveries of enabled subscriptions, skipping rows another worker holds, and
     * leases them until {@code leaseUntil} (pushed forward, so no other worker takes them while they are sent).
     */
    public List<Claimed> claim(Instant now, Instant leaseUntil, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     WITH due AS (
                         SELECT d.id FROM webhook_deliveries d
                         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.state = 'enabled'
                         WHERE d.state = 'pending' AND d.next_attempt_at <= ?
                         ORDER BY d.next_attempt_at, d.id
                         LIMIT ?
                         FOR UPDATE OF d SKIP LOCKED)
                     UPDATE webhook_deliveries d SET next_attempt_at = ?
                     FROM due, webhook_subscriptions s
                     WHERE d.id = due.id AND s.id = d.subscription_id
                     RETURNING d.id, d.partner_id, d.subscription_id, s.url, s.secret, d.event_id, d.event_type,
                               d.payload, d.attempts""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            s.setTimestamp(3, Timestamp.from(leaseUntil));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getInt(9)));
                }
            }
            return claimed;
        }
    }

    /** What one attempt came to. {@code nextAttemptAt} null: no retry (delivered, or the last attempt failed). */
    public record Outcome(Instant at, Integer statusCode, String error, long latencyMs, boolean delivered,
                          Instant nextAttemptAt) {
    }

    /** What recording an attempt changed about its subscription. */
    public enum Effect { NONE, DELIVERED, RETRY, FAILED, FAILED_AND_DISABLED, LOST_LEASE }

    /**
     * Records an attempt and moves the delivery on (delivered, due again, or failed), and the subscription's run of
     * failed deliveries with it, in one transaction. A worker whose lease ran out (another took the delivery and
     * recorded this attempt first) records nothing.
     */
    public Effect record(Claimed delivery, Outcome outcome, int disableAfter) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String state = outcome.delivered() ? "delivered" : outcome.nextAttemptAt() == null ? "failed" : "pending";
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE webhook_deliveries SET attempts = attempts + 1, state = ?,
                               next_attempt_at = coalesce(?, next_attempt_at), completed_at = ?
                        WHERE id = ? AND attempts = ? AND state = 'pending'""")) {
                    s.setString(1, state);
                    s.setTimestamp(2, outcome.nextAttemptAt() == null ? null : Timestamp.from(outcome.nextAttemptAt()));
                    s.setTimestamp(3, state.equals("pending") ? null : Timestamp.from(outcome.at()));
                    s.setLong(4, delivery.id());
                    s.setInt(5, delivery.attempts());
                    if (s.executeUpdate() == 0) {
                        c.rollback();
                        return Effect.LOST_LEASE;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO webhook_attempts (delivery_id, attempt, partner_id, attempted_at, status_code, error, latency_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    s.setLong(1, delivery.id());
                    s.setInt(2, delivery.attempts() + 1);
                    s.setString(3, delivery.partnerId());
                    s.setTimestamp(4, Timestamp.from(outcome.at()));
                    s.setObject(5, outcome.statusCode());
                    s.setString(6, outcome.error());
                    s.setLong(7, outcome.latencyMs());
                    s.executeUpdate();
                }
                Effect effect = switch (state) {
                    case "delivered" -> {
                        try (PreparedStatement s = c.prepareStatement(
                                "UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0")) {
                            s.setObject(1, delivery.subscriptionId());
                            s.executeUpdate();
                        }
                        yield Effect.DELIVERED;
                    }
                    case "failed" -> failed(c, delivery, outcome, disableAfter);
                    default -> Effect.RETRY;
                };
                c.commit();
                return effect;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Effect failed(Connection c, Claimed delivery, Outcome outcome, int disableAfter) throws SQLException {
        String reason = disableAfter + " consecutive deliveries failed (last: "
                + (outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error()) + ")";
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
                       disabled_reason = CASE WHEN state = 'enabled' AND consecutive_failures + 1 >= ? THEN ? ELSE disabled_reason END,
                       disabled_at = CASE WHEN state = 'enabled' AND consecutive_failures + 1 >= ? THEN ? ELSE disabled_at END,
                       updated_at = CASE WHEN state = 'enabled' AND consecutive_failures + 1 >= ? THEN ? ELSE updated_at END,
                       state = CASE WHEN state = 'enabled' AND consecutive_failures + 1 >= ? THEN 'disabled' ELSE state END
                WHERE id = ?
                RETURNING state, consecutive_failures""")) {
            Timestamp at = Timestamp.from(outcome.at());
            s.setInt(1, disableAfter);
            s.setString(2, reason.length() > 256 ? reason.substring(0, 256) : reason);
            s.setInt(3, disableAfter);
            s.setTimestamp(4, at);
            s.setInt(5, disableAfter);
            s.setTimestamp(6, at);
            s.setInt(7, disableAfter);
            s.setObject(8, delivery.subscriptionId());
            try (ResultSet rs = s.executeQuery()) {
                // Deleted meanwhile: the delivery went with it.
                if (rs.next() && rs.getString(1).equals("disabled") && rs.getInt(2) == disableAfter) {
                    return Effect.FAILED_AND_DISABLED;
                }
            }
        }
        return Effect.FAILED;
    }

    /** Removes up to {@code limit} deliveries completed before {@code before} (their attempts with them). */
    public int purge(Instant before, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     DELETE FROM webhook_deliveries WHERE id IN (
                         SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND completed_at < ? LIMIT ?)""")) {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }

    /** Disabled subscriptions, all partners (a gauge). */
    public long disabledCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM webhook_subscriptions WHERE state = 'disabled'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        Array types = rs.getArray("event_types");
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("url"),
                Arrays.asList((String[]) types.getArray()), rs.getString("description"), rs.getString("state"),
                rs.getString("disabled_reason"), instant(rs, "disabled_at"), rs.getInt("consecutive_failures"),
                instant(rs, "created_at"), instant(rs, "updated_at"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
