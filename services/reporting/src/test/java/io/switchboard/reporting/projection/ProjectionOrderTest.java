package io.switchboard.reporting.projection;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.reporting.calls.Call;
import io.switchboard.reporting.calls.CallParticipant;
import io.switchboard.reporting.calls.CallQueries;
import io.switchboard.reporting.directory.ActivityLog;
import io.switchboard.reporting.directory.Agent;
import io.switchboard.reporting.directory.AgentQueries;
import io.switchboard.reporting.directory.Team;
import io.switchboard.reporting.directory.TeamQueries;
import io.switchboard.reporting.directory.UserRef;
import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events of one entity can come from different aggregates (an agent's status changes, team
 * membership from the team and the agent stream, participants of a call): applied in the "wrong"
 * order they still give the rows the right order gives.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ProjectionOrderTest {
    static final Instant T = Instant.parse("2026-11-21T09:00:00Z");

    @Inject
    Projector projector;
    @Inject
    AgentQueries agents;
    @Inject
    TeamQueries teams;
    @Inject
    CallQueries calls;

    private static EventEnvelope event(String partner, String aggregateType, long id, long sequence, DomainEvent data,
                                       Instant at) {
        return TestEnvelopes.of(data).partner(partner).aggregate(aggregateType, id).sequence(sequence).at(at).build();
    }

    private static String partner() {
        return "order-" + UUID.randomUUID();
    }

    @Test
    void statusChangesBeforeTheAgentExistsAndOutOfOrderStillEndWithTheNewest() throws SQLException {
        String partner = partner();
        EventEnvelope created = event(partner, DirectoryEvents.AGENT, 1, 1, new AgentCreated(1, "Ada", "Ada", "L",
                "ada@x.test", null, List.of("agent"), List.of(), T), T);
        EventEnvelope available = event(partner, "agent_status", 1, 1,
                new AgentStatusChanged(1, null, "Available", null, T.plusSeconds(60)), T.plusSeconds(60));
        EventEnvelope onBreak = event(partner, "agent_status", 1, 2,
                new AgentStatusChanged(1, "Available", "Break", "coffee", T.plusSeconds(120)), T.plusSeconds(120));

        projector.apply(onBreak);
        projector.apply(available);
        projector.apply(created);

        Agent agent = agents.agent(partner, 1).orElseThrow();
        assertThat(agent.name()).isEqualTo("Ada");
        assertThat(agent.status().name()).isEqualTo("Break");
        assertThat(agent.statusUpdatedAt()).isEqualTo(Instant.parse("2026-11-21T09:02:00.000Z"));
        var logs = agents.activityLogs(partner, new ListParams(new jakarta.ws.rs.core.MultivaluedHashMap<>())).rows();
        assertThat(logs.stream().map(ActivityLog::endedAt).toList())
                .containsExactly(Instant.parse("2026-11-21T09:02:00.000Z"), null);
    }

    @Test
    void teamMembershipIsTheLatestChangeWhicheverStreamArrivesFirst() throws SQLException {
        String partner = partner();
        projector.apply(event(partner, DirectoryEvents.TEAM, 7, 1, new TeamCreated(7, "US", null, T), T));
        projector.apply(event(partner, DirectoryEvents.TEAM, 7, 2, new TeamMemberAdded(7, 2, T.plusSeconds(10)),
                T.plusSeconds(10)));
        projector.apply(event(partner, DirectoryEvents.TEAM, 7, 3, new TeamMemberRemoved(7, 1, T.plusSeconds(30)),
                T.plusSeconds(30)));
        // Agent 1 was created in team 7 before being removed from it, but its stream arrives last.
        projector.apply(event(partner, DirectoryEvents.AGENT, 1, 1, new AgentCreated(1, "Ada", "Ada", "L", null,
                null, List.of(), List.of(7L), T.plusSeconds(5)), T.plusSeconds(5)));
        projector.apply(event(partner, DirectoryEvents.AGENT, 2, 1, new AgentCreated(2, "Bob", "Bob", "B", null,
                null, List.of(), List.of(), T.plusSeconds(5)), T.plusSeconds(5)));

        Team team = teams.team(partner, 7).orElseThrow();
        assertThat(team.agentsCount()).isEqualTo(1);
        assertThat(team.assignees().stream().map(UserRef::id).toList()).containsExactly(2L);
    }

    @Test
    void participantsBeforeTheirCallAndLeavingBeforeJoiningGiveTheSameCall() throws SQLException {
        String partner = partner();
        String type = CallEvents.AGGREGATE_TYPE;
        List<EventEnvelope> events = List.of(
                event(partner, type, 9, 1, new CallCreated(9, "Voice Outbound (API)", "connecting", null, "en", null,
                        "+1555", 1L, null, null, null, null, T), T),
                event(partner, type, 9, 2, new CallConnected(9, 1L, T.plusSeconds(10)), T.plusSeconds(10)),
                event(partner, type, 9, 3, new ParticipantJoined(9, 1, "agent", 1L, null, null, T.plusSeconds(10)),
                        T.plusSeconds(10)),
                event(partner, type, 9, 4, new ParticipantJoined(9, 2, "agent", 2L, null, null, T.plusSeconds(20)),
                        T.plusSeconds(20)),
                event(partner, type, 9, 5, new ParticipantLeft(9, 2, T.plusSeconds(50)), T.plusSeconds(50)),
                event(partner, type, 9, 6, new CallEnded(9, "finished", null, null, 60_000, 0, T.plusSeconds(70)),
                        T.plusSeconds(70)));

        for (int i = events.size() - 1; i >= 0; i--) {
            projector.apply(events.get(i));
        }

        Call call = calls.find(partner, 9).orElseThrow();
        assertThat(call.status()).isEqualTo("finished");
        assertThat(call.conferenceTime()).isEqualTo(new BigDecimal("30.000"));
        assertThat(call.ivrTime()).isNull();
        assertThat(call.talkTime()).isEqualTo(new BigDecimal("60.000"));
        assertThat(call.participants().stream().map(CallParticipant::endedAt).toList())
                .containsExactly(null, Instant.parse("2026-11-21T09:00:50.000Z"));
    }
}
