package io.switchboard.reporting.webhooks;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Writes;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the events the live consumers apply into deliveries: one {@code webhook_deliveries} row per event and
 * enabled subscription of the event's partner whose types match, in the transaction that applies the event.
 * Shaped like a projection so the batch machinery runs it after the stream positions are recorded (only events
 * never applied before reach it), but deliberately not one of {@code Projections}: a rebuild replays the topics
 * into fresh tables and must not send anything again, so only the live {@code Projector} runs it. The unique
 * (subscription, event) key is the second guard: a delivery already there is left as it is.
 */
@Singleton
public final class WebhookEnqueue implements Projection {
    private final EventCodec codec = EventCodec.standard();

    private record Subscription(UUID id, Set<String> types) {
        boolean wants(String type) {
            return types.contains(EventTypes.ALL) || types.contains(type);
        }
    }

    @Override
    public Applier begin(Connection connection, List<EventEnvelope> events) throws SQLException {
        Set<String> partners = new LinkedHashSet<>();
        events.forEach(e -> partners.add(e.partnerId()));
        Map<String, List<Subscription>> byPartner = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, partner_id, event_types FROM webhook_subscriptions WHERE state = 'enabled' AND partner_id = ANY(?)")) {
            s.setArray(1, connection.createArrayOf("text", partners.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array types = rs.getArray(3);
                    byPartner.computeIfAbsent(rs.getString(2), p -> new ArrayList<>()).add(new Subscription(
                            rs.getObject(1, UUID.class), Set.copyOf(Arrays.asList((String[]) types.getArray()))));
                }
            }
        }
        if (byPartner.isEmpty()) {
            return (writes, event) -> {
            };
        }
        return new Enqueuing(byPartner);
    }

    private final class Enqueuing implements Applier {
        private final Map<String, List<Subscription>> byPartner;
        private final List<Object> subscriptions = new ArrayList<>();
        private final List<Object> partners = new ArrayList<>();
        private final List<Object> eventIds = new ArrayList<>();
        private final List<Object> types = new ArrayList<>();
        private final List<Object> payloads = new ArrayList<>();

        Enqueuing(Map<String, List<Subscription>> byPartner) {
            this.byPartner = byPartner;
        }

        @Override
        public void apply(Writes writes, EventEnvelope event) {
            String payload = null;
            for (Subscription subscription : byPartner.getOrDefault(event.partnerId(), List.of())) {
                if (subscription.wants(event.type())) {
                    payload = payload == null ? codec.encodeToString(event) : payload;
                    subscriptions.add(subscription.id());
                    partners.add(event.partnerId());
                    eventIds.add(event.eventId());
                    types.add(event.type());
                    payloads.add(payload);
                }
            }
        }

        @Override
        public void finish(Connection connection) throws SQLException {
            if (subscriptions.isEmpty()) {
                return;
            }
            try (PreparedStatement s = connection.prepareStatement("""
                    INSERT INTO webhook_deliveries (partner_id, subscription_id, event_id, event_type, payload, state,
                                                    next_attempt_at, created_at)
                    SELECT p, sub, ev, t, body, 'pending', now(), now()
                    FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[]) AS d(p, sub, ev, t, body)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING""")) {
                s.setArray(1, connection.createArrayOf("text", partners.toArray()));
                s.setArray(2, connection.createArrayOf("uuid", subscriptions.toArray()));
                s.setArray(3, connection.createArrayOf("uuid", eventIds.toArray()));
                s.setArray(4, connection.createArrayOf("text", types.toArray()));
                s.setArray(5, connection.createArrayOf("text", payloads.toArray()));
                s.executeUpdate();
            }
        }
    }

    /** Not a read model's table: a rebuild never touches the deliveries. */
    @Override
    public List<String> tables() {
        return List.of();
    }
}
