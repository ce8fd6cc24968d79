package io.switchboard.reporting.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory update events of version 1 (only the changed fields, as text) and of version 2 (the
 * entity after the change, typed) of the same changes give the same rows and the same changed details:
 * old events in the topics still project, and nothing reads state from the v2 display text.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DirectoryUpdateVersionsTest {
    static final Instant T = Instant.parse("2026-11-21T09:00:00Z");
    static final Instant T1 = T.plusSeconds(60);

    @Inject
    Projector projector;
    @Inject
    AgroalDataSource dataSource;

    private static final List<FieldChange> AGENT_CHANGES = List.of(new FieldChange("last_name", "Lee", "King"),
            new FieldChange("avatar_url", "https://x.test/a.png", null),
            new FieldChange("roles", "[agent]", "[agent,supervisor]"));
    private static final List<FieldChange> TEAM_CHANGES = List.of(new FieldChange("name", "East", "East Coast"),
            new FieldChange("parent_id", "1", null));
    private static final List<FieldChange> MENU_CHANGES = List.of(new FieldChange("name", "Support", "Help"),
            new FieldChange("menu_type", "ivr_menu", "mobile_menu"), new FieldChange("parent_id", null, "30"),
            new FieldChange("teams", "[1]", "[1,2]"), new FieldChange("virtual_agent_id", "8", null));
    private static final List<FieldChange> BOT_CHANGES = List.of(new FieldChange("name", "Helper", "Helpbot"));

    @Test
    void versionOneAndVersionTwoOfTheSameChangesGiveTheSameRows() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String v1 = "v1-" + run;
        String v2 = "v2-" + run;
        created(v1);
        created(v2);
        projector.apply(List.of(
                event(v1, DirectoryEvents.AGENT, 7, 2, new AgentUpdatedV1(7, AGENT_CHANGES, 42L, T1)),
                event(v1, DirectoryEvents.TEAM, 2, 2, new TeamUpdatedV1(2, TEAM_CHANGES, 42L, T1)),
                event(v1, DirectoryEvents.MENU, 5, 2, new MenuUpdatedV1(5, MENU_CHANGES, "Help", "voice",
                        List.of(1L, 2L), null, 42L, T1)),
                event(v1, DirectoryEvents.VIRTUAL_AGENT, 8, 2, new VirtualAgentUpdatedV1(8, BOT_CHANGES, 42L, T1))));
        projector.apply(List.of(
                event(v2, DirectoryEvents.AGENT, 7, 2, new AgentUpdated(7, AGENT_CHANGES, "Ann Lee", "Ann", "King",
                        "ann@x.test", null, List.of("agent", "supervisor"), List.of(1L), 42L, T1)),
                event(v2, DirectoryEvents.TEAM, 2, 2, new TeamUpdated(2, TEAM_CHANGES, "East Coast", null, 42L, T1)),
                event(v2, DirectoryEvents.MENU, 5, 2, new MenuUpdated(5, MENU_CHANGES, "Help", "voice", "mobile_menu",
                        30L, List.of(1L, 2L), null, 42L, T1)),
                event(v2, DirectoryEvents.VIRTUAL_AGENT, 8, 2, new VirtualAgentUpdated(8, BOT_CHANGES, "Helpbot", null, 42L, T1))));

        List<String> rowsOfV2 = rows(v2);
        assertThat(rowsOfV2).contains(
                "agents: Ann Lee | Ann | King | ann@x.test | null | {agent,supervisor}",
                "teams: East Coast | null",
                "menus: Help | voice | mobile_menu | 30 | {1,2} | null",
                "virtual_agents: Helpbot",
                "changed_details: agent 7 roles [agent] → [agent,supervisor] by 42 at 2026-11-21T09:01:00Z",
                "changed_details: menu 5 teams [1] → [1,2] by 42 at 2026-11-21T09:01:00Z");
        assertThat(rows(v1)).isEqualTo(rowsOfV2);
    }

    private void created(String partner) {
        projector.apply(List.of(
                event(partner, DirectoryEvents.AGENT, 7, 1, new AgentCreated(7, "Ann Lee", "Ann", "Lee", "ann@x.test",
                        "https://x.test/a.png", List.of("agent"), List.of(1L), T)),
                event(partner, DirectoryEvents.TEAM, 2, 1, new TeamCreated(2, "East", 1L, T)),
                event(partner, DirectoryEvents.MENU, 5, 1, new MenuCreated(5, "Support", "voice", "ivr_menu", null,
                        List.of(1L), 8L, T)),
                event(partner, DirectoryEvents.VIRTUAL_AGENT, 8, 1, new VirtualAgentCreated(8, "Helper", null, T))));
    }

    private static EventEnvelope event(String partner, String aggregateType, long id, long sequence, DomainEvent data) {
        return TestEnvelopes.of(data).partner(partner).aggregate(aggregateType, id).sequence(sequence).at(T1).build();
    }

    /** The directory rows and changed details of the partner, as text (ids of derived rows left out). */
    private List<String> rows(String partner) throws SQLException {
        List<String> rows = new ArrayList<>();
        query(rows, partner, "agents", """
                SELECT name, first_name, last_name, email, avatar_url, roles::text FROM agents WHERE partner_id = ?""");
        query(rows, partner, "teams", "SELECT name, parent_id FROM teams WHERE partner_id = ?");
        query(rows, partner, "menus", """
                SELECT name, channel, menu_type, parent_id, team_ids::text, virtual_agent_id FROM menus WHERE partner_id = ?""");
        query(rows, partner, "virtual_agents", "SELECT name FROM virtual_agents WHERE partner_id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT entity_type, entity_id, field, former_value, new_value, changed_by, changed_at FROM changed_details
                 WHERE partner_id = ? ORDER BY entity_type, entity_id, field""")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add("changed_details: " + rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3) + " "
                            + rs.getString(4) + " → " + rs.getString(5) + " by " + rs.getObject(6) + " at "
                            + rs.getTimestamp(7).toInstant());
                }
            }
        }
        return rows;
    }

    private void query(List<String> rows, String partner, String table, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                    rows.add(table + ": " + String.join(" | ", values));
                }
            }
        }
    }
}
