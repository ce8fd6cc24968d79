package io.switchboard.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.reporting.live.feed.FeedCursor;
import io.switchboard.reporting.live.feed.FeedPurge;
import io.switchboard.reporting.live.feed.LiveFeedProjection;
import io.switchboard.reporting.live.feed.LiveStreams;
import io.switchboard.reporting.live.feed.StreamEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.switchboard.reporting.projection.Projections;
import io.switchboard.reporting.rebuild.RebuildPlan;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream (docs/api/live.md#stream) through the real broker and database: events published to Kafka come
 * out of the stream as call, chat and agentStatus events after a first snapshot; Last-Event-ID resumes with exactly
 * the missed ones; partners never see each other; roles, a malformed id, a too-old id (reset), the subscriber
 * limit; and the xmin rule with two plain JDBC transactions committing out of order. The test profile's buffer of
 * 8 events and pages of 3 rows make every burst below overflow the fan-out into the catch-up reads.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class LiveStreamTest {
    static final AtomicLong IDS = new AtomicLong(41_000);
    static final Instant AT = Instant.parse("2026-12-06T22:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static EventFeed feed;

    @TestHTTPResource("/")
    URI root;
    @Inject
    DataSource dataSource;
    @Inject
    FeedPurge purge;
    @Inject
    LiveStreams streams;

    @BeforeAll
    static void connect() {
        feed = new EventFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    static String partner() {
        return "live-" + UUID.randomUUID().toString().substring(0, 8);
    }

    URI stream(String partner, String query) {
        return root.resolve("/api/partners/" + partner + "/live/stream" + (query == null ? "" : "?" + query));
    }

    SseStream open(String partner) {
        return SseStream.open(stream(partner, null), TestTokens.bearer(partner, "supervisor"), null);
    }

    static EventEnvelope callCreated(String partner, long callId) {
        return TestEnvelopes.of(new CallCreated(callId, "inbound", "ivr", 7L, "en", "+4930123", null, null, null, null,
                        null, null, AT.plusSeconds(callId % 1000)))
                .partner(partner).aggregate(CallEvents.AGGREGATE_TYPE, callId).sequence(1).at(AT).build();
    }

    static JsonNode body(SseStream.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<Long> callIds(SseStream s) {
        return s.named("call").stream().map(e -> body(e).get("callId").asLong()).toList();
    }

    @Test
    void callsChatsAndAgentStatusesArriveAfterASnapshot() {
        String partner = partner();
        long call = IDS.incrementAndGet();
        long chat = IDS.incrementAndGet();
        long agent = IDS.incrementAndGet();
        try (SseStream s = open(partner)) {
            assertThat(s.status).isEqualTo(200);
            assertThat(s.contentType).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(30)).until(() -> !s.events.isEmpty());
            assertThat(s.events.get(0).name()).isEqualTo("snapshot");
            assertThat(s.events.get(0).id()).isNull();
            assertThat(body(s.events.get(0)).get("partnerId").asText()).isEqualTo(partner);

            feed.send(List.of(callCreated(partner, call)));
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).contains(call));
            feed.send(List.of(TestEnvelopes.of(new CallQueued(call, 7L, AT.plusMillis(1500)))
                    .partner(partner).aggregate(CallEvents.AGGREGATE_TYPE, call).sequence(2).at(AT).build()));
            feed.send(List.of(TestEnvelopes.of(new ChatCreated(chat, "queued", 9L, "en",
                            new ChatEvents.EndUser(5L, "cust-5", null, null, null), null, Map.of(), List.of(), List.of(), AT, null))
                    .partner(partner).aggregate(ChatEvents.AGGREGATE_TYPE, chat).sequence(1).at(AT).build()));
            feed.send(List.of(TestEnvelopes.of(new AgentStatusChanged(agent, "offline", "available", "login",
                    AT.plusMillis(250))).partner(partner).aggregate(DirectoryEvents.AGENT, agent).sequence(1).at(AT).build()));

            await().atMost(Duration.ofSeconds(30)).until(() -> s.named("call").size() >= 2 && !s.named("chat").isEmpty()
                    && !s.named("agentStatus").isEmpty());
            JsonNode created = body(s.named("call").get(0));
            assertThat(created.get("change").asText()).isEqualTo("created");
            assertThat(created.get("status").asText()).isEqualTo("ivr");
            JsonNode queued = body(s.named("call").get(1));
            assertThat(queued.get("callId").asLong()).isEqualTo(call);
            assertThat(queued.get("change").asText()).isEqualTo("changed");
            assertThat(queued.get("status").asText()).isEqualTo("queued");
            assertThat(queued.get("menuId").asLong()).isEqualTo(7L);
            assertThat(queued.get("queuedAt").asText()).isEqualTo("2026-12-06T22:00:01.500Z");
            assertThat(queued.get("endedAt").isNull()).isTrue();

            JsonNode chatBody = body(s.named("chat").get(0));
            assertThat(chatBody.get("chatId").asLong()).isEqualTo(chat);
            assertThat(chatBody.get("status").asText()).isEqualTo("queued");
            assertThat(chatBody.get("change").asText()).isEqualTo("created");
            assertThat(chatBody.get("messageCount").asInt()).isZero();

            JsonNode status = body(s.named("agentStatus").get(0));
            assertThat(status.get("agentId").asLong()).isEqualTo(agent);
            assertThat(status.get("status").asText()).isEqualTo("available");
            assertThat(status.get("previousStatus").asText()).isEqualTo("offline");
            assertThat(status.get("reason").asText()).isEqualTo("login");
            assertThat(status.get("since").asText()).isEqualTo("2026-12-06T22:00:00.250Z");

            List<FeedCursor> cursors = new ArrayList<>();
            for (SseStream.Event e : s.events) {
                if (!e.name().equals("snapshot")) {
                    cursors.add(FeedCursor.decode(e.id()));
                }
            }
            assertThat(cursors).doesNotContainNull().isSorted().doesNotHaveDuplicates();
            // The test profile beats every second (15 s in production).
            await().atMost(Duration.ofSeconds(5)).until(() -> s.comments.contains("keep-alive"));
        }
    }

    @Test
    void theTypesParameterPicksTheEvents() {
        String partner = partner();
        long call = IDS.incrementAndGet();
        long agent = IDS.incrementAndGet();
        try (SseStream s = SseStream.open(stream(partner, "types=agentStatus"), TestTokens.bearer(partner, "admin"), null)) {
            assertThat(s.status).isEqualTo(200);
            feed.send(List.of(callCreated(partner, call)));
            feed.send(List.of(TestEnvelopes.of(new AgentStatusChanged(agent, null, "busy", null, AT))
                    .partner(partner).aggregate(DirectoryEvents.AGENT, agent).sequence(1).at(AT).build()));
            await().atMost(Duration.ofSeconds(30)).until(() -> !s.named("agentStatus").isEmpty());
            assertThat(s.events).extracting(SseStream.Event::name).containsOnly("agentStatus");
        }
    }

    @Test
    void lastEventIdResumesWithExactlyTheMissedEvents() {
        String partner = partner();
        List<Long> first = new ArrayList<>();
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            first.add(IDS.incrementAndGet());
        }
        for (int i = 0; i < 20; i++) {
            missed.add(IDS.incrementAndGet());
        }
        String last;
        try (SseStream s = open(partner)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !s.events.isEmpty());
            first.forEach(id -> feed.send(List.of(callCreated(partner, id))));
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).size() >= first.size());
            assertThat(callIds(s)).containsExactlyInAnyOrderElementsOf(first);
            last = s.named("call").get(first.size() - 1).id();
        }
        missed.forEach(id -> feed.send(List.of(callCreated(partner, id))));
        // The missed events are in the feed before we resume, so some come from the catch-up read, some live.
        await().atMost(Duration.ofSeconds(30)).until(() -> feedRows(partner) == first.size() + missed.size());
        long marker = IDS.incrementAndGet();
        try (SseStream s = SseStream.open(stream(partner, null), TestTokens.bearer(partner, "supervisor"), last)) {
            assertThat(s.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).size() >= missed.size());
            feed.send(List.of(callCreated(partner, marker)));
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).contains(marker));
            List<Long> expected = new ArrayList<>(missed);
            expected.add(marker);
            assertThat(callIds(s)).as("each missed call once, then the new one, nothing of before")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(callIds(s).get(callIds(s).size() - 1)).isEqualTo(marker);
            assertThat(s.events.get(0).name()).isEqualTo("snapshot");
            List<FeedCursor> cursors = s.named("call").stream().map(e -> FeedCursor.decode(e.id())).toList();
            assertThat(cursors).isSorted().doesNotHaveDuplicates();
            assertThat(cursors.get(0)).isGreaterThan(FeedCursor.decode(last));
        }
    }

    @Test
    void aPartnerSeesOnlyItsOwnStream() {
        String mine = partner();
        String theirs = partner();
        long theirCall = IDS.incrementAndGet();
        long myCall = IDS.incrementAndGet();
        try (SseStream s = open(mine)) {
            assertThat(s.status).isEqualTo(200);
            feed.send(List.of(callCreated(theirs, theirCall)));
            await().atMost(Duration.ofSeconds(30)).until(() -> feedRows(theirs) == 1);
            feed.send(List.of(callCreated(mine, myCall)));
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).contains(myCall));
            assertThat(callIds(s)).containsExactly(myCall);
        }
        try (SseStream other = SseStream.open(stream(theirs, null), TestTokens.bearer(mine, "supervisor"), null)) {
            assertThat(other.status).isEqualTo(404);
            assertThat(other.contentType).startsWith("application/problem+json");
        }
        try (SseStream system = SseStream.open(stream(theirs, null), TestTokens.bearer("_system", "system"), null)) {
            assertThat(system.status).isEqualTo(200);
        }
    }

    @Test
    void onlySupervisorsAdminsAndSystemMayListen() {
        String partner = partner();
        try (SseStream agent = SseStream.open(stream(partner, null), TestTokens.bearer(partner, "agent"), null)) {
            assertThat(agent.status).isEqualTo(403);
            assertThat(agent.contentType).startsWith("application/problem+json");
        }
        try (SseStream anonymous = SseStream.open(stream(partner, null), null, null)) {
            assertThat(anonymous.status).isEqualTo(401);
        }
        try (SseStream admin = SseStream.open(stream(partner, null), TestTokens.bearer(partner, "admin"), null)) {
            assertThat(admin.status).isEqualTo(200);
        }
    }

    @Test
    void aMalformedLastEventIdOrTypeIs400NamingIt() throws Exception {
        String partner = partner();
        for (String bad : List.of("garbage", "A".repeat(22).replace('A', '*'), "-".repeat(22), "A".repeat(65), "AAAA")) {
            try (SseStream s = SseStream.open(stream(partner, null), TestTokens.bearer(partner, "supervisor"), bad)) {
                assertThat(s.status).as(bad).isEqualTo(400);
                assertThat(s.contentType).startsWith("application/problem+json");
                assertThat(JSON.readTree(s.problem).at("/errors/0/field").asText()).isEqualTo("Last-Event-ID");
            }
        }
        try (SseStream s = SseStream.open(stream(partner, "types=call,sms"), TestTokens.bearer(partner, "supervisor"), null)) {
            assertThat(s.status).isEqualTo(400);
            assertThat(JSON.readTree(s.problem).at("/errors/0/field").asText()).isEqualTo("types");
        }
    }

    @Test
    void aCursorOlderThanTheRetentionGetsAResetThenTheSnapshot() throws Exception {
        String partner = partner();
        long call = IDS.incrementAndGet();
        feed.send(List.of(callCreated(partner, call)));
        await().atMost(Duration.ofSeconds(30)).until(() -> feedRows(partner) == 1);
        purge.purge();
        String ancient = new FeedCursor(1, 1).encode();
        try (SseStream s = SseStream.open(stream(partner, null), TestTokens.bearer(partner, "supervisor"), ancient)) {
            assertThat(s.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> s.events.size() >= 2);
            assertThat(s.events.get(0).name()).isEqualTo("reset");
            assertThat(s.events.get(1).name()).isEqualTo("snapshot");
            long next = IDS.incrementAndGet();
            feed.send(List.of(callCreated(partner, next)));
            await().atMost(Duration.ofSeconds(30)).until(() -> callIds(s).contains(next));
            assertThat(callIds(s)).as("after a reset the stream goes on from now").containsExactly(next);
        }
    }

    @Test
    void aCursorIsNeverPassedByATransactionThatCommitsLater() throws Exception {
        String partner = partner();
        try (SseStream s = open(partner); Connection first = dataSource.getConnection();
             Connection second = dataSource.getConnection()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !s.events.isEmpty());
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insertFeedRow(first, partner, 1);
            insertFeedRow(second, partner, 2);
            second.commit();
            // The second transaction's row has the higher cursor: sent before the first commits, the first's row
            // would land below a cursor a client already holds, and a resume from it would never see it.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> s.named("call").isEmpty());
            first.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> s.named("call").size() == 2);
            assertThat(callIds(s)).containsExactly(1L, 2L);
            assertThat(FeedCursor.decode(s.named("call").get(0).id())).isLessThan(FeedCursor.decode(s.named("call").get(1).id()));
        }
    }

    @Test
    void aPartnerHasAtMostTheConfiguredNumberOfStreams() throws Exception {
        String partner = partner();
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(open(partner));
                assertThat(open.get(i).status).isEqualTo(200);
            }
            try (SseStream fourth = open(partner)) {
                assertThat(fourth.status).isEqualTo(429);
                assertThat(fourth.contentType).startsWith("application/problem+json");
            }
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                SseStream again = open(partner);
                if (again.status == 200) {
                    open.add(again);
                    return true;
                }
                again.close();
                return false;
            });
        } finally {
            open.forEach(SseStream::close);
        }
    }

    @Test
    void aSlowSubscriberHoldsNobodyBackAndLaterGetsEveryRowOnce() throws Exception {
        String partner = partner();
        LiveStreams.Request request = new LiveStreams.Request(partner, java.util.Set.of("call"), false, null);
        AssertSubscriber<StreamEvent> fast = streams.open(request).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<StreamEvent> slow = streams.open(request).subscribe().withSubscriber(AssertSubscriber.create(0));
        try (Connection c = dataSource.getConnection()) {
            // Far more rows than the test profile's buffer of 8: the slow one's queue overflows.
            for (long call = 1; call <= 40; call++) {
                insertFeedRow(c, partner, call);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> calls(fast.getItems()).size() == 40);
        assertThat(calls(slow.getItems())).isEmpty();
        assertThat(ids(fast.getItems())).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());

        slow.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(30)).until(() -> calls(slow.getItems()).size() == 40);
        assertThat(ids(slow.getItems())).as("every row once, in cursor order, read back from the table")
                .isEqualTo(ids(fast.getItems()));
        try (Connection c = dataSource.getConnection()) {
            insertFeedRow(c, partner, 41);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> calls(fast.getItems()).size() == 41 && calls(slow.getItems()).size() == 41);
        assertThat(ids(slow.getItems()).get(40)).isEqualTo(41L);
        fast.cancel();
        slow.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.subscribers(partner) == 0);
    }

    /** The call events, without the keep-alives the test profile's one-second heartbeat mixes in. */
    private static List<StreamEvent> calls(List<StreamEvent> events) {
        return events.stream().filter(e -> "call".equals(e.name())).toList();
    }

    private static List<Long> ids(List<StreamEvent> events) {
        return calls(events).stream().map(e -> {
            try {
                return JSON.readTree(e.data()).get("callId").asLong();
            } catch (java.io.IOException ex) {
                throw new AssertionError(ex);
            }
        }).toList();
    }

    @Test
    void aRebuildNeverWritesTheFeedTheLiveLoopsDo() {
        assertThat(RebuildPlan.of(null).apply()).noneMatch(p -> p instanceof LiveFeedProjection);
        assertThat(RebuildPlan.TABLES.values()).noneMatch(tables -> tables.contains(LiveFeedProjection.TABLE));
        assertThat(Projections.live()).anyMatch(p -> p instanceof LiveFeedProjection);
    }

    private static void insertFeedRow(Connection c, String partner, long callId) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO live_feed (partner_id, kind, entity_id, body)"
                + " VALUES (?, 'call', ?, jsonb_build_object('callId', ?::bigint))");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('live_feed', ?)")) {
            s.setString(1, partner);
            s.setLong(2, callId);
            s.setLong(3, callId);
            s.executeUpdate();
            notify.setString(1, partner);
            notify.execute();
        }
    }

    private long feedRows(String partner) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM live_feed WHERE partner_id = ?")) {
            s.setString(1, partner);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
