package io.switchboard.interaction.routing;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * One partner's world for a routing test: publishes envelopes with the real Kafka producer, shaped as
 * Debezium's outbox router publishes them, and reads what routing wrote to the event store.
 */
final class RoutingFixture implements AutoCloseable {
    /** Ids are global in the event store (chat_routing-&lt;chat id&gt;), so every test takes fresh ones. */
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    final String partner = "partner-" + UUID.randomUUID();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final EnvelopePublisher publisher;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventEnvelope> published = new ArrayList<>();
    private final Pool pool;

    RoutingFixture(Pool pool) {
        this.pool = pool;
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        this.publisher = new EnvelopePublisher(bootstrap);
    }

    static long newId() {
        return IDS.incrementAndGet();
    }

    /** Publishes an event of the aggregate {@code type}-{@code id}; returns the envelope sent. */
    EventEnvelope publish(String type, long id, DomainEvent event) {
        long sequence = sequences.merge(TestEnvelopes.key(type, id), 1L, Long::sum);
        return send(TestEnvelopes.envelope(partner, type, id, sequence, event));
    }

    /**
     * Sends an envelope as it is, to the topic of its aggregate type: publishing one twice is what an
     * at-least-once redelivery looks like.
     */
    EventEnvelope send(EventEnvelope envelope) {
        String topic = envelope.aggregateType().equals(ChatEvents.AGGREGATE_TYPE) ? Topics.CHAT : Topics.INTERACTION;
        publisher.publish(topic, envelope);
        published.add(envelope);
        return envelope;
    }

    EventEnvelope directory(String type, long id, DomainEvent event) {
        return publish(type, id, event);
    }

    EventEnvelope chat(long chatId, DomainEvent event) {
        return publish(ChatEvents.AGGREGATE_TYPE, chatId, event);
    }

    EventEnvelope call(long callId, DomainEvent event) {
        return publish(CallEvents.AGGREGATE_TYPE, callId, event);
    }

    void team(long teamId) {
        directory(DirectoryEvents.TEAM, teamId, new TeamCreated(teamId, "team " + teamId, null, now.minusSeconds(3600)));
    }

    /** An agent in the team who became available {@code idleMinutes} ago. */
    EventEnvelope availableAgent(long agentId, long teamId, int idleMinutes) {
        agent(agentId, teamId);
        return status(agentId, "offline", "available", now.minusSeconds(60L * idleMinutes));
    }

    void agent(long agentId, long teamId) {
        directory(DirectoryEvents.AGENT, agentId, new AgentCreated(agentId, "Agent " + agentId, "Agent", "" + agentId,
                "a" + agentId + "@example.com", null, List.of("agent"), List.of(), now.minusSeconds(7200)));
        directory(DirectoryEvents.TEAM, teamId, new TeamMemberAdded(teamId, agentId, now.minusSeconds(7200)));
    }

    EventEnvelope status(long agentId, String previous, String status, Instant at) {
        return directory(DirectoryEvents.AGENT, agentId, new AgentStatusChanged(agentId, previous, status, null, at));
    }

    void menu(long menuId, String channel, long teamId, Long virtualAgentId) {
        directory(DirectoryEvents.MENU, menuId, new MenuCreated(menuId, "menu " + menuId, channel, "queue", null,
                List.of(teamId), virtualAgentId, now.minusSeconds(3600)));
    }

    /** The ChatRouted events of the chat in the event store, as (assignee type, assignee id, trigger, escalation id). */
    List<List<Object>> routed(long chatId) {
        List<List<Object>> routed = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        SELECT payload -> 'data' AS data, partner_id FROM event_store
                        WHERE stream_id = $1 AND event_type = 'ChatRouted' ORDER BY version""")
                .execute(Tuple.of("chat_routing-" + chatId)).await().indefinitely()) {
            JsonObject data = (JsonObject) row.getValue("data");
            routed.add(List.of(data.getString("assigneeType"), data.getLong("assigneeId"), data.getString("trigger"),
                    data.getValue("escalationId") == null ? "none" : data.getLong("escalationId"),
                    row.getString("partner_id")));
        }
        return routed;
    }

    /**
     * Waits until routing has applied everything published so far. Topics and partitions are consumed
     * concurrently; tests that need one event to be known before another is even sent wait here.
     */
    void awaitAllApplied() {
        List<EventEnvelope> sent = List.copyOf(published);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent.stream().allMatch(this::applied));
    }

    /** Whether routing has recorded the event's stream position as applied (libs/consumer's table). */
    boolean applied(EventEnvelope envelope) {
        return pool.preparedQuery("""
                        SELECT count(*) FROM consumer_applied_streams WHERE read_model = 'routing' AND partner_id = $1
                           AND aggregate_type = $2 AND aggregate_id = $3 AND sequences @> $4::bigint""")
                .execute(Tuple.of(envelope.partnerId(), envelope.aggregateType(), envelope.aggregateId(), envelope.sequence()))
                .await().indefinitely().iterator().next().getLong(0) == 1;
    }

    String workState(String kind, long id) {
        RowSet<Row> rows = pool.preparedQuery("SELECT state FROM routing_work WHERE partner_id = $1 AND kind = $2 AND work_id = $3")
                .execute(Tuple.of(partner, kind, id)).await().indefinitely();
        return rows.size() == 0 ? "unknown" : rows.iterator().next().getString(0);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
