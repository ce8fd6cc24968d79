package io.switchboard.reporting.live;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.reporting.AppliedEvents;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The live snapshot over a built contact center fed through the real broker: two menus (a voice queue and a chat
 * queue) served by two teams that share an agent, agents in every state, calls and chats waiting, in progress and
 * done, and calls leaving the queue on both sides of the service-level window's bounds.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class LiveSnapshotTest {
    static final String PARTNER = "live-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "live-other-" + UUID.randomUUID().toString().substring(0, 8);
    /** The instant the exact figures are read at; every event is at or before it. */
    static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final long SUPPORT = 7;
    static final long SALES = 8;
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LiveSnapshots snapshots;
    @Inject
    SegmentDistributions distributions;

    /** Each aggregate's events in order, numbered from 1. */
    private static final class Feed {
        final List<EventEnvelope> events = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();
        final String partner;

        Feed(String partner) {
            this.partner = partner;
        }

        Feed add(String type, long id, DomainEvent data, Instant at) {
            long sequence = sequences.merge(type + "-" + id, 1L, Long::sum);
            events.add(TestEnvelopes.of(data).partner(partner).aggregate(type, id).sequence(sequence).at(at).build());
            return this;
        }

        Feed agent(long id, String name, List<Long> teams, String status, Instant since) {
            add(DirectoryEvents.AGENT, id, new AgentCreated(id, name, name, null, id + "@example.test", null,
                    List.of("agent"), teams, T.minusSeconds(86_400)), T.minusSeconds(86_400));
            if (status != null) {
                add(DirectoryEvents.AGENT, id, new AgentStatusChanged(id, "Offline", status, null, since), since);
            }
            return this;
        }

        Feed call(long id, long menu, Instant createdAt) {
            return add(CallEvents.AGGREGATE_TYPE, id, new CallCreated(id, "Voice Inbound (IVR)", "selecting", menu, "en",
                    "+1555000" + id, null, null, null, null, "not_asked", null, createdAt), createdAt);
        }

        Feed queued(long id, long menu, Instant at) {
            return add(CallEvents.AGGREGATE_TYPE, id, new CallQueued(id, menu, at), at);
        }

        Feed connected(long id, long agent, Instant at) {
            return add(CallEvents.AGGREGATE_TYPE, id, new CallConnected(id, agent, at), at);
        }

        Feed ended(long id, String status, Instant at) {
            return add(CallEvents.AGGREGATE_TYPE, id, new CallEnded(id, status, "disconnected_by_end_user", null, 0, 0, at), at);
        }

        Feed chat(long id, long menu, String status, Instant at) {
            return add(ChatEvents.AGGREGATE_TYPE, id, new ChatCreated(id, status, menu, "en", null, null, Map.of(),
                    List.of(), List.of(), at, null), at);
        }

        void sendAndAwait(AgroalDataSource dataSource) throws SQLException {
            long before = AppliedEvents.count(dataSource, partner);
            try (EnvelopePublisher publisher = new EnvelopePublisher(
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                events.forEach(e -> publisher.publish(
                        ChatEvents.AGGREGATE_TYPE.equals(e.aggregateType()) ? Topics.CHAT : Topics.INTERACTION, e));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> AppliedEvents.count(dataSource, partner) >= before + events.size());
        }
    }

    private static Instant ago(double seconds) {
        return T.minusMillis(Math.round(seconds * 1000));
    }

    @BeforeEach
    void feedOnce() throws SQLException {
        synchronized (LiveSnapshotTest.class) {
            if (fed) {
                return;
            }
            Feed f = new Feed(PARTNER);
            Instant day = T.minusSeconds(86_400);
            f.add(DirectoryEvents.TEAM, 70, new TeamCreated(70, "Support team", null, day), day);
            f.add(DirectoryEvents.TEAM, 80, new TeamCreated(80, "Sales team", null, day), day);
            f.add(DirectoryEvents.MENU, SUPPORT, new MenuCreated(SUPPORT, "Support", "voice", "queue", null, List.of(70L), null, day), day);
            f.add(DirectoryEvents.MENU, SALES, new MenuCreated(SALES, "Sales", "chat", "queue", null, List.of(80L), null, day), day);
            f.add(DirectoryEvents.MENU, 9, new MenuCreated(9, "Empty", "voice", "queue", null, List.of(), null, day), day);
            f.agent(101, "Ann", List.of(70L), "Available", ago(1000));
            f.agent(102, "Ben", List.of(70L), "In-call", ago(590));
            f.agent(103, "Cid", List.of(70L, 80L), "wrap_up", ago(100));
            f.add(DirectoryEvents.TEAM, 80, new TeamMemberRemoved(80, 103, ago(5000)), ago(5000));
            f.agent(104, "Dee", List.of(70L), "In-chat", ago(480));
            f.add(DirectoryEvents.TEAM, 80, new TeamMemberAdded(80, 104, day.plusSeconds(1)), day.plusSeconds(1));
            f.agent(105, "Eve", List.of(80L), "Break", ago(300));
            f.agent(106, "Fay", List.of(80L), "Offline", ago(3000));
            f.agent(107, "Gus", List.of(), "Available", ago(20));
            f.agent(108, "Hal", List.of(), null, null);
            f.agent(109, "Ivy", List.of(70L), "Available", ago(50));
            f.add(DirectoryEvents.AGENT, 109, new AgentDeactivated(109, null, ago(40)), ago(40));

            // Waiting: 1001 since 120 s, 1005 since 60 s and ringing at an agent (not connected yet).
            f.call(1001, SUPPORT, ago(300)).queued(1001, SUPPORT, ago(120));
            f.call(1005, SUPPORT, ago(70)).queued(1005, SUPPORT, ago(60));
            f.add(CallEvents.AGGREGATE_TYPE, 1005, new CallConnecting(1005, 101, ago(10)), ago(10));
            // In progress with agent 102: queue 10 s, answered inside the window.
            f.call(1002, SUPPORT, ago(620)).queued(1002, SUPPORT, ago(600)).connected(1002, 102, ago(590));
            // Done, answered inside the window: 40 s (over 20 s) and exactly 20 s (within).
            f.call(1003, SUPPORT, ago(720)).queued(1003, SUPPORT, ago(700)).connected(1003, 101, ago(660)).ended(1003, "finished", ago(100));
            f.call(1014, SUPPORT, ago(420)).queued(1014, SUPPORT, ago(400)).connected(1014, 101, ago(380)).ended(1014, "finished", ago(300));
            // Answered exactly at the window's start (outside) and one millisecond after it (inside, 5 s).
            f.call(1006, SUPPORT, ago(1000)).queued(1006, SUPPORT, ago(960)).connected(1006, 101, ago(900)).ended(1006, "finished", ago(800));
            f.call(1007, SUPPORT, ago(950)).queued(1007, SUPPORT, ago(904.999)).connected(1007, 101, ago(899.999)).ended(1007, "finished", ago(700));
            // Abandoned in the queue: inside the window, at its very end, and exactly at its start (outside).
            f.call(1004, SUPPORT, ago(320)).queued(1004, SUPPORT, ago(300)).ended(1004, "failed", ago(200));
            f.call(1008, SUPPORT, ago(30)).queued(1008, SUPPORT, ago(20)).ended(1008, "failed", T);
            f.call(1009, SUPPORT, ago(1000)).queued(1009, SUPPORT, ago(950)).ended(1009, "failed", ago(900));
            // Still in the IVR: neither waiting for an agent nor in progress.
            f.call(1010, SUPPORT, ago(15));

            // Chats: 2001 waiting 90 s; 2002 with agent 104; 2003 done; 2004 with the virtual agent only.
            f.chat(2001, SALES, "queued", ago(90));
            f.chat(2002, SALES, "queued", ago(500));
            f.add(ChatEvents.AGGREGATE_TYPE, 2002, new ChatAssigned(2002, "agent", 104, "Dee", 1, "router", ago(480), 1), ago(480));
            f.chat(2003, SALES, "queued", ago(400));
            f.add(ChatEvents.AGGREGATE_TYPE, 2003, new ChatAssigned(2003, "agent", 105, "Eve", 1, "router", ago(390), 1), ago(390));
            f.add(ChatEvents.AGGREGATE_TYPE, 2003, new ChatFinished(2003, "finished", "resolved", null, ago(310)), ago(310));
            f.chat(2004, SALES, "va_assigned", ago(50));
            f.add(ChatEvents.AGGREGATE_TYPE, 2004, new ChatAssigned(2004, "virtual_agent", 7, "Bot", 1, "router", ago(49), 1), ago(49));
            f.sendAndAwait(dataSource);

            // Another partner with the same ids: nothing of it may show in PARTNER's snapshot, nor the reverse.
            Feed o = new Feed(OTHER);
            o.add(DirectoryEvents.MENU, SUPPORT, new MenuCreated(SUPPORT, "Their support", "voice", "queue", null, List.of(70L), null, day), day);
            o.agent(101, "Other Ann", List.of(70L), "Available", ago(10));
            o.call(1001, SUPPORT, ago(900)).queued(1001, SUPPORT, ago(890));
            o.sendAndAwait(dataSource);
            fed = true;
        }
    }

    @Test
    void queuesCountWaitingWorkInProgressAndTheirTeamsAgents() throws SQLException {
        LiveSnapshot s = snapshots.snapshot(PARTNER, T);
        assertThat(s.partnerId()).isEqualTo(PARTNER);
        assertThat(s.asOf()).isEqualTo(T);
        assertThat(s.queues()).extracting(LiveQueue::menuId).containsExactly(SUPPORT, SALES, 9L);

        LiveQueue support = s.queues().get(0);
        assertThat(support.name()).isEqualTo("Support");
        assertThat(support.channel()).isEqualTo("voice");
        assertThat(support.waiting()).as("1001 and 1005 (ringing is still waiting)").isEqualTo(2);
        assertThat(support.longestWaitSeconds()).isEqualTo(120);
        assertThat(support.oldestWaitingSince()).isEqualTo(ago(120));
        assertThat(support.callsInProgress()).isEqualTo(1);
        assertThat(support.chatsInProgress()).isZero();
        assertThat(support.agents()).as("101 available, 102 in-call and 104 in-chat busy, 103 wrap-up; 109 deactivated")
                .isEqualTo(new LiveAgentCounts(1, 2, 1, 0, 0));

        LiveQueue sales = s.queues().get(1);
        assertThat(sales.waiting()).isEqualTo(1);
        assertThat(sales.longestWaitSeconds()).isEqualTo(90);
        assertThat(sales.callsInProgress()).isZero();
        assertThat(sales.chatsInProgress()).as("2002 with an agent; the virtual agent's 2004 is not").isEqualTo(1);
        assertThat(sales.agents()).as("104 busy, 105 on a break, 106 offline; 103 removed from the team")
                .isEqualTo(new LiveAgentCounts(0, 1, 0, 1, 1));
        assertThat(sales.serviceLevel()).isEqualTo(LiveServiceLevel.NONE);

        LiveQueue empty = s.queues().get(2);
        assertThat(empty.waiting()).isZero();
        assertThat(empty.longestWaitSeconds()).isZero();
        assertThat(empty.oldestWaitingSince()).isNull();
        assertThat(empty.agents()).isEqualTo(LiveAgentCounts.NONE);

        LiveTotals totals = s.totals();
        assertThat(totals.waiting()).isEqualTo(3);
        assertThat(totals.longestWaitSeconds()).isEqualTo(120);
        assertThat(totals.callsInProgress()).isEqualTo(1);
        assertThat(totals.chatsInProgress()).isEqualTo(1);
        assertThat(totals.agents()).as("every agent once: 104 serves both menus; 107 and 108 none")
                .isEqualTo(new LiveAgentCounts(2, 2, 1, 1, 2));
    }

    @Test
    void agentsShowTheirStatusSinceWhenAndCurrentWork() throws SQLException {
        Map<Long, LiveAgent> agents = new HashMap<>();
        snapshots.snapshot(PARTNER, T).agents().forEach(a -> agents.put(a.agentId(), a));
        assertThat(agents.keySet()).containsExactlyInAnyOrder(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L);

        LiveAgent ben = agents.get(102L);
        assertThat(ben.name()).isEqualTo("Ben");
        assertThat(ben.status()).isEqualTo("In-call");
        assertThat(ben.state()).isEqualTo("busy");
        assertThat(ben.since()).isEqualTo(ago(590));
        assertThat(ben.work()).containsExactly(new LiveWork("call", 1002, SUPPORT, ago(590)));

        assertThat(agents.get(104L).work()).containsExactly(new LiveWork("chat", 2002, SALES, ago(480)));
        assertThat(agents.get(103L).state()).as("wrap_up is Wrap-up").isEqualTo("wrapUp");
        assertThat(agents.get(105L).state()).isEqualTo("unavailable");
        assertThat(agents.get(105L).work()).as("2003 ended").isEmpty();
        assertThat(agents.get(101L).work()).as("1005 only rings at 101; its calls ended").isEmpty();
        assertThat(agents.get(108L).state()).as("no status yet").isEqualTo("offline");
        assertThat(agents.get(108L).since()).isNull();
    }

    @Test
    void serviceLevelCountsTheCallsThatLeftTheQueueInTheWindow() throws SQLException {
        LiveSnapshot s = snapshots.snapshot(PARTNER, T);
        assertThat(s.serviceLevel()).isEqualTo(new LiveSnapshot.ServiceLevelSettings(20, 15));
        // Answered: 1002 (10 s), 1014 (20 s, at the threshold), 1007 (5 s, 1 ms inside), 1003 (40 s); abandoned:
        // 1004 and 1008 (at the window's end). Outside: 1006 and 1009, exactly at the window's start.
        LiveServiceLevel expected = new LiveServiceLevel(6, 3, 2, 50.0);
        assertThat(s.queues().get(0).serviceLevel()).isEqualTo(expected);
        assertThat(s.totals().serviceLevel()).isEqualTo(expected);

        // One millisecond later 1007 has left the window; a millisecond earlier 1008 had not yet ended in it.
        assertThat(snapshots.snapshot(PARTNER, T.plusMillis(1)).totals().serviceLevel())
                .isEqualTo(new LiveServiceLevel(5, 2, 2, 40.0));
        assertThat(snapshots.snapshot(PARTNER, T.minusMillis(1)).totals().serviceLevel())
                .as("1006's answer and 1009's end are now inside; 1008 ends after the window")
                .isEqualTo(new LiveServiceLevel(7, 3, 2, 42.9));
    }

    @Test
    void distributionsAreTheStoredSegmentMetrics() throws SQLException {
        LiveDistributions d = distributions.between(PARTNER, ZoneId.of("UTC"), T.minusSeconds(3600), T.plusSeconds(1));
        LiveDistributions.Distribution queue = d.metrics().queue();
        // Queue times of the answered calls: 5, 10, 20, 40 and 60 s.
        assertThat(queue.count()).isEqualTo(5);
        assertThat(queue.p50Seconds()).isEqualTo(20.0);
        assertThat(queue.maxSeconds()).isEqualTo(60.0);
        assertThat(queue.buckets()).extracting(LiveDistributions.Bucket::count).containsExactly(2L, 1L, 0L, 2L, 0L, 0L, 0L, 0L, 0L);
        assertThat(queue.buckets().get(queue.buckets().size() - 1).upToSeconds()).isNull();
        assertThat(d.metrics().handle().count()).as("1003, 1014, 1006, 1007 connected and ended").isEqualTo(4);
        assertThat(d.metrics().hold().count()).isEqualTo(4);
        assertThat(d.metrics().ivr().count()).as("every queued call").isEqualTo(10);
        assertThat(distributions.between(OTHER, ZoneId.of("UTC"), T.minusSeconds(3600), T.plusSeconds(1))
                .metrics().queue().count()).isZero();
    }

    @Test
    void theEndpointAnswersTheSnapshotOfNow() {
        JsonPath body = given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor"))
                .get("/api/partners/{p}/live/snapshot", PARTNER)
                .then().log().ifValidationFails().statusCode(200).contentType("application/json")
                .body("partnerId", equalTo(PARTNER))
                .body("serviceLevel.thresholdSeconds", equalTo(20))
                .body("serviceLevel.windowMinutes", equalTo(15))
                .body("totals.waiting", equalTo(3))
                .body("queues.menuId", hasItem(7))
                .extract().jsonPath();
        assertThat(body.getString("asOf")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(body.getString("queues.find { it.menuId == 7 }.oldestWaitingSince"))
                .isEqualTo(ago(120).toString().replace("Z", ".000Z"));
        assertThat(body.getList("agents.find { it.agentId == 102 }.work.type", String.class)).containsExactly("call");
        assertThat(body.getList("queues.name", String.class)).doesNotContain("Their support");
        assertThat(body.getList("agents.name", String.class)).doesNotContain("Other Ann");
    }

    /** The live views are camelCase while the service's default is snake_case: the OpenAPI document must say so too. */
    @Test
    void theOpenApiDocumentDescribesTheCamelCaseViews() {
        JsonPath openapi = given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor"))
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(openapi.getMap("components.schemas.LiveQueue.properties").keySet())
                .contains("menuId", "longestWaitSeconds", "oldestWaitingSince", "callsInProgress", "serviceLevel");
        assertThat(openapi.getMap("components.schemas.LiveAgentCounts.properties").keySet()).contains("wrapUp");
        assertThat(openapi.getMap("components.schemas.LiveSnapshot.properties").keySet())
                .containsExactlyInAnyOrder("partnerId", "asOf", "serviceLevel", "totals", "queues", "agents");
        assertThat(openapi.getMap("paths").keySet()).contains("/api/partners/{partnerId}/live/snapshot",
                "/api/partners/{partnerId}/live/distributions");
    }

    @Test
    void anotherPartnersPathIsNotFoundAndItsOwnSnapshotHoldsOnlyItsData() {
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "admin")).get("/api/partners/{p}/live/snapshot", OTHER)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "admin")).get("/api/partners/{p}/live/distributions", OTHER)
                .then().statusCode(404).contentType("application/problem+json");
        JsonPath other = given().auth().oauth2(TestTokens.agent(OTHER, 1, "supervisor"))
                .get("/api/partners/{p}/live/snapshot", OTHER).then().statusCode(200).extract().jsonPath();
        assertThat(other.getList("queues.name", String.class)).containsExactly("Their support");
        assertThat(other.getInt("totals.waiting")).isEqualTo(1);
        assertThat(other.getList("agents.agentId", Long.class)).containsExactly(101L);
        assertThat(other.getString("agents[0].name")).isEqualTo("Other Ann");
    }

    @Test
    void onlySupervisorsAdminsAndTheSystemRead() {
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "agent")).get("/api/partners/{p}/live/snapshot", PARTNER)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "agent")).get("/api/partners/{p}/live/distributions", PARTNER)
                .then().statusCode(403);
        given().get("/api/partners/{p}/live/snapshot", PARTNER).then().statusCode(401);
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "admin")).get("/api/partners/{p}/live/snapshot", PARTNER)
                .then().statusCode(200);
    }

    @Test
    void distributionsStartAtTheZonesMidnight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        JsonPath body = given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor"))
                .queryParam("zone", "Europe/Berlin").get("/api/partners/{p}/live/distributions", PARTNER)
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        Instant from = Instant.parse(body.getString("from"));
        Instant to = Instant.parse(body.getString("to"));
        assertThat(from).isEqualTo(LocalDate.ofInstant(to, berlin).atStartOfDay(berlin).toInstant());
        assertThat(body.getString("zone")).isEqualTo("Europe/Berlin");
        for (String metric : List.of("ivr", "queue", "handle", "talk", "hold")) {
            assertThat(body.getList("metrics." + metric + ".buckets")).as(metric).hasSize(SegmentDistributions.BOUNDS.size() + 1);
        }
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor"))
                .get("/api/partners/{p}/live/distributions", PARTNER)
                .then().statusCode(200).body("zone", equalTo("UTC"));
    }

    @Test
    void hostileZonesAreAProblemNamingTheParameter() {
        for (String zone : List.of("Mars/Olympus", "+02:00", "../../etc/passwd", "Europe/Berlin'--", "x".repeat(300),
                "\u0000", "Europe/Berlin\n")) {
            given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor")).queryParam("zone", zone)
                    .get("/api/partners/{p}/live/distributions", PARTNER)
                    .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                    .body(org.hamcrest.Matchers.containsString("zone"));
        }
        given().auth().oauth2(TestTokens.agent(PARTNER, 1, "supervisor"))
                .get("/api/partners/{p}/live/snapshot", "p".repeat(300))
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(404)).or(equalTo(400)))
                .contentType("application/problem+json");
    }
}
