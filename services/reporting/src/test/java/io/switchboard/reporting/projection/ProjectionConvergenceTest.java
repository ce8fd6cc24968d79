package io.switchboard.reporting.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.Scenario;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections converge: the same events applied in different interleavings of their aggregates
 * (each aggregate's order kept, as Kafka guarantees per key) give identical rows, and applying them
 * again changes nothing. Each run uses its own partner, so runs share the database without mixing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ProjectionConvergenceTest {
    /** Every table of every read model ({@link Projections}), and the applied positions. */
    static final List<String> TABLES = tables();

    private static List<String> tables() {
        List<String> tables = new ArrayList<>(List.of("consumer_applied_streams"));
        Projections.tables().values().forEach(tables::addAll);
        return tables;
    }

    /** The scenario with the media topic's photos and videos, the redacted messages and the partner's organization settings. */
    private static List<EventEnvelope> scenario(String partner) {
        List<EventEnvelope> events = new ArrayList<>(Scenario.of(partner));
        events.addAll(Scenario.media(partner));
        events.addAll(Scenario.redacted(partner));
        events.add(Scenario.organization(partner));
        return events;
    }

    /** Not content: the partner differs per run by design, the others record when a row was applied. */
    static final java.util.Set<String> IGNORED_COLUMNS = java.util.Set.of("partner_id", "applied_at", "change_seq");

    @Inject
    Projector projector;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyInterleavingOfTheAggregatesGivesTheSameProjections() throws SQLException {
        List<EventEnvelope> events = scenario("template");
        String run = UUID.randomUUID().toString().substring(0, 8);

        String inOrder = "conv-" + run + "-ordered";
        Scenario.forPartner(events, inOrder).forEach(projector::apply);
        Map<String, List<Map<String, Object>>> expected = snapshot(inOrder);
        assertThat(expected.get("calls")).hasSize(1);
        assertThat(expected.get("call_measures")).as("derived after the batch, whatever the order").hasSize(1);
        assertThat(expected.get("changed_details")).isNotEmpty();
        assertThat(expected.get("photos")).hasSize(1);
        assertThat(expected.get("videos")).hasSize(1);
        assertThat(expected.get("organizations")).hasSize(1);
        assertThat(expected.get("chat_messages")).hasSize(2);
        assertThat(expected.keySet()).as("every read model's table").containsAll(List.of("calls", "chats", "agents",
                "teams", "menus", "virtual_agents", "changed_details", "photos", "videos", "organizations", "chat_messages"));

        for (long seed = 1; seed <= 6; seed++) {
            String partner = "conv-" + run + "-" + seed;
            List<EventEnvelope> shuffled = Scenario.interleave(Scenario.forPartner(events, partner), seed);
            assertThat(shuffled).isNotEqualTo(Scenario.forPartner(events, partner));
            shuffled.forEach(projector::apply);
            assertThat(snapshot(partner)).as("interleaving %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void aRedeliveredEventChangesNothing() throws SQLException {
        String partner = "redeliver-" + UUID.randomUUID();
        List<EventEnvelope> events = scenario(partner);
        events.forEach(e -> assertThat(projector.apply(e)).isTrue());
        Map<String, List<Map<String, Object>>> once = snapshot(partner);

        for (EventEnvelope e : Scenario.interleave(events, 42)) {
            assertThat(projector.apply(e)).as("second delivery of %s", e.type()).isFalse();
        }

        assertThat(snapshot(partner)).isEqualTo(once);
    }

    @Test
    void batchesOfAnySizeGiveTheSameProjectionsAsOneEventAtATime() throws SQLException {
        List<EventEnvelope> events = scenario("template");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String oneByOne = "batch-" + run + "-single";
        Scenario.forPartner(events, oneByOne).forEach(projector::apply);
        Map<String, List<Map<String, Object>>> expected = snapshot(oneByOne);

        for (int size : List.of(2, 7, events.size())) {
            String partner = "batch-" + run + "-" + size;
            List<EventEnvelope> shuffled = Scenario.interleave(Scenario.forPartner(events, partner), size);
            for (int from = 0; from < shuffled.size(); from += size) {
                projector.apply(shuffled.subList(from, Math.min(shuffled.size(), from + size)));
            }
            assertThat(snapshot(partner)).as("batches of %d", size).isEqualTo(expected);
        }
    }

    @Test
    void aBatchWithDuplicatesOfItselfAndOfEarlierBatchesChangesNothing() throws SQLException {
        List<EventEnvelope> template = scenario("template");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String reference = "dup-" + run + "-reference";
        Scenario.forPartner(template, reference).forEach(projector::apply);
        Map<String, List<Map<String, Object>>> expected = snapshot(reference);

        String partner = "dup-" + run;
        List<EventEnvelope> events = Scenario.forPartner(template, partner);
        int half = events.size() / 2;
        List<EventEnvelope> first = events.subList(0, half);
        List<EventEnvelope> second = events.subList(half, events.size());
        assertThat(projector.apply(first)).hasSize(first.size());

        List<EventEnvelope> redelivered = new ArrayList<>();
        for (EventEnvelope e : second) {
            redelivered.add(e);
            redelivered.add(e);
        }
        redelivered.addAll(1, first);
        redelivered.addAll(second);
        assertThat(projector.apply(redelivered)).as("only the second half is new, each event once")
                .containsExactlyElementsOf(second);
        assertThat(snapshot(partner)).isEqualTo(expected);

        assertThat(projector.apply(redelivered)).isEmpty();
        assertThat(projector.apply(events)).isEmpty();
        assertThat(snapshot(partner)).isEqualTo(expected);
    }

    @Test
    void theOrderOfTheProjectionsDoesNotMatter() throws SQLException {
        List<EventEnvelope> events = scenario("template");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String forward = "order-" + run + "-forward";
        Scenario.forPartner(events, forward).forEach(projector::apply);
        Map<String, List<Map<String, Object>>> expected = snapshot(forward);

        List<Projection> reversed = new ArrayList<>(Projections.all());
        java.util.Collections.reverse(reversed);
        BatchProjector backwards = new BatchProjector(reversed);
        String partner = "order-" + run + "-reversed";
        List<EventEnvelope> shuffled = Scenario.interleave(Scenario.forPartner(events, partner), 3);
        // One event at a time and in batches, each in its own transaction as the live loop applies them.
        for (int from = 0; from < shuffled.size(); from += from < 10 ? 1 : 7) {
            List<EventEnvelope> batch = shuffled.subList(from, Math.min(shuffled.size(), from + (from < 10 ? 1 : 7)));
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                backwards.apply(c, batch);
                c.commit();
            }
        }
        assertThat(snapshot(partner)).isEqualTo(expected);
    }

    /** Every row of every read model of the partner, without the partner column and the apply time. */
    private Map<String, List<Map<String, Object>>> snapshot(String partner) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : TABLES) {
                List<Map<String, Object>> rows = new ArrayList<>();
                String query = table.equals("consumer_applied_streams")
                        ? "SELECT * FROM consumer_applied_streams WHERE partner_id = ? AND read_model = 'reporting'"
                        + " ORDER BY aggregate_type, aggregate_id"
                        : "SELECT * FROM " + table + " WHERE partner_id = ? ORDER BY 2, 3";
                try (PreparedStatement s = c.prepareStatement(query)) {
                    s.setString(1, partner);
                    try (ResultSet rs = s.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                String column = meta.getColumnName(i);
                                if (!IGNORED_COLUMNS.contains(column)) {
                                    Object value = rs.getObject(i);
                                    row.put(column, value instanceof java.sql.Array a ? List.of((Object[]) a.getArray())
                                            : value);
                                }
                            }
                            rows.add(row);
                        }
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
