package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.reporting.Scenario;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code getConversationMetrics} over calls and chats fed through the real broker around New York's autumn DST change:
 * the sums equal what the Manager API's per-call metrics add up to (overall, per agent, per day), buckets follow the
 * zone's clock, groupings, range limits (never a 500), the Analytics policy, partner isolation and the system level.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ConversationMetricsTest {
    static final String PARTNER = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "other-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PATH = "/api/partners/%s/data/conversationdata/getConversationMetrics";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2026-10-31 00:00 in New York (EDT) to 2026-11-03 00:00 (EST): three days, the middle one 25 hours long. */
    static final Instant FROM = Instant.parse("2026-10-31T04:00:00Z");
    static final Instant TO = Instant.parse("2026-11-03T05:00:00Z");
    static final int CALLS = 60;
    static final Map<String, String> METRICS = Map.ofEntries(Map.entry("billingTime", "billing_time"),
            Map.entry("callTime", "call_time"), Map.entry("ivrTime", "ivr_time"), Map.entry("queueTime", "queue_time"),
            Map.entry("waitTime", "wait_time"), Map.entry("handleTime", "handle_time"), Map.entry("ringTime", "ring_time"),
            Map.entry("talkTime", "talk_time"), Map.entry("holdTime", "hold_time"),
            Map.entry("conferenceTime", "conference_time"), Map.entry("thirdPartyTalkTime", "third_party_talk_time"));
    static final String ROW = "partnerId bucketStart bucketEnd group { by id name } conversations calls chats ended"
            + " contained containedRate abandoned transferred deflected " + String.join(" ", METRICS.keySet().stream()
            .map(m -> m + " { count total average }").toList()) + " transferTime { count total average }";
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void feedOnce() {
        synchronized (ConversationMetricsTest.class) {
            if (fed) {
                return;
            }
            Events partner = new Events(PARTNER);
            partner.directory();
            partner.calls();
            partner.chats();
            DataFeed.sendAndAwait(dataSource, PARTNER, partner.events);
            Events other = new Events(OTHER);
            other.calls();
            DataFeed.sendAndAwait(dataSource, OTHER, other.events);
            fed = true;
        }
    }

    /** Events with each aggregate's sequence counted (a repeated position would never be applied). */
    static final class Events {
        final String partner;
        final List<EventEnvelope> events = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();

        Events(String partner) {
            this.partner = partner;
        }

        void add(String type, long id, DomainEvent data, Instant at) {
            long sequence = sequences.merge(TestEnvelopes.key(type, id), 1L, Long::sum);
            events.add(DataFeed.event(partner, type, id, sequence, data, at));
        }

        void call(long id, DomainEvent data, Instant at) {
            add(CallEvents.AGGREGATE_TYPE, id, data, at);
        }

        /** Agents 201 (team 21), 202 (teams 21 and 22), 203 (no team); menus 41, 42. */
        void directory() {
            Instant at = Instant.parse("2026-10-01T00:00:00Z");
            add(DirectoryEvents.TEAM, 21, new TeamCreated(21, "Tier 1", null, at), at);
            add(DirectoryEvents.TEAM, 22, new TeamCreated(22, "Tier 2", null, at), at);
            add(DirectoryEvents.AGENT, 201, new AgentCreated(201, "Ann One", "Ann", "One", "ann@m.test", null,
                    List.of("agent"), List.of(21L), at), at);
            add(DirectoryEvents.AGENT, 202, new AgentCreated(202, "Ben Two", "Ben", "Two", "ben@m.test", null,
                    List.of("agent"), List.of(21L, 22L), at), at);
            add(DirectoryEvents.AGENT, 203, new AgentCreated(203, "Cat Three", "Cat", "Three", "cat@m.test", null,
                    List.of("agent"), List.of(), at), at);
            add(DirectoryEvents.MENU, 41, new MenuCreated(41, "Sales", "voice", "ivr_menu", null, List.of(21L), null, at), at);
            add(DirectoryEvents.MENU, 42, new MenuCreated(42, "Support", "voice", "ivr_menu", null, List.of(22L), null, at), at);
        }

        /**
         * {@link #CALLS} calls of five kinds at random times of the three days (seeded), plus three at fixed times: the
         * last hour of Nov 1 in New York (Nov 2 in UTC) and both passes of the repeated 01:00 hour.
         */
        void calls() {
            Random random = new Random(16);
            long span = TO.getEpochSecond() - FROM.getEpochSecond();
            for (int i = 0; i < CALLS; i++) {
                Instant at = FROM.plusSeconds((long) (random.nextDouble() * (span - 4 * 3600)));
                call(1000 + i, i % 6, at.plusMillis(random.nextInt(1000)), random);
            }
            call(1100, 2, Instant.parse("2026-11-02T04:30:00Z"), random);
            call(1101, 3, Instant.parse("2026-11-01T05:20:00Z"), random);
            call(1102, 0, Instant.parse("2026-11-01T06:20:00Z"), random);
        }

        void call(long id, int kind, Instant at, Random r) {
            long agent = 201 + (id % 3);
            long menu = 41 + (id % 2);
            boolean outbound = kind == 5;
            call(id, new CallCreated(id, outbound ? "Voice Outbound" : "Voice Inbound (IVR)", "selecting",
                    kind == 0 ? null : menu, "en", "+1555" + id, null, outbound ? agent : null, null, null, "not_asked",
                    null, at), at);
            call(id, new ParticipantJoined(id, id * 10, "end_user", null, 9000 + id, "+1555" + id, at), at);
            Instant t = at.plusMillis(5_000 + r.nextInt(60_000));
            if (kind == 0) { // ends in the IVR: contained
                call(id, new CallEnded(id, "finished", "disconnected_by_end_user", "nothing", 0, 0, t), t);
                return;
            }
            if (!outbound) {
                call(id, new CallQueued(id, menu, t), t);
            }
            t = t.plusMillis(1_000 + r.nextInt(120_000));
            if (kind == 1) { // abandoned in the queue
                call(id, new CallEnded(id, "abandoned", "disconnected_by_end_user", "nothing", 0, 0, t), t);
                return;
            }
            call(id, new CallConnecting(id, agent, t), t);
            Instant connected = t.plusMillis(500 + r.nextInt(15_000));
            call(id, new CallConnected(id, agent, connected), connected);
            call(id, new ParticipantJoined(id, id * 10 + 1, "agent", agent, null, null, connected), connected);
            if (kind == 4) { // still connected
                return;
            }
            long hold = 0;
            Instant now = connected.plusMillis(10_000 + r.nextInt(100_000));
            if (r.nextBoolean()) {
                call(id, new CallHeld(id, now), now);
                hold = 1_000 + r.nextInt(30_000);
                now = now.plusMillis(hold);
                call(id, new CallResumed(id, now, hold), now);
            }
            if (kind == 3) { // a transfer to the next agent, conference, a third party
                long to = 201 + ((id + 1) % 3);
                now = now.plusMillis(r.nextInt(20_000));
                call(id, new TransferStarted(id, id * 10, "agent", agent, to, null, null, now), now);
                now = now.plusMillis(1_000 + r.nextInt(20_000));
                call(id, new ParticipantJoined(id, id * 10 + 2, "agent", to, null, null, now), now);
                now = now.plusMillis(1_000 + r.nextInt(60_000));
                call(id, new ParticipantJoined(id, id * 10 + 3, "third_party", null, null, "+1555000", now), now);
                now = now.plusMillis(1_000 + r.nextInt(60_000));
                call(id, new ParticipantLeft(id, id * 10 + 3, now), now);
                now = now.plusMillis(1_000 + r.nextInt(30_000));
                call(id, new ParticipantLeft(id, id * 10 + 1, now), now);
            }
            Instant ended = now.plusMillis(1_000 + r.nextInt(60_000));
            call(id, new CallEnded(id, "finished", "disconnected_by_agent", "nothing",
                    ended.toEpochMilli() - connected.toEpochMilli(), hold, ended), ended);
        }

        /**
         * Chat 801 contained by a virtual agent, 802 handed to agent 202 (its messages found intent `billing`), 803
         * queued then abandoned, 804 still open; all on Nov 1 in New York.
         */
        void chats() {
            Instant at = Instant.parse("2026-11-01T15:00:00Z");
            String chat = ChatEvents.AGGREGATE_TYPE;
            add(chat, 801, new ChatCreated(801, "va_assigned", 41L, "en", null, null, Map.of(), List.of(), List.of(), at, null), at);
            add(chat, 801, new ChatAssigned(801, "virtual_agent", 7, "Bot", 1, "router", at.plusSeconds(1)), at.plusSeconds(1));
            add(chat, 801, new ChatFinished(801, "finished", "resolved", null, at.plusSeconds(60)), at.plusSeconds(60));
            add(chat, 802, new ChatCreated(802, "queued", 42L, "en", null, null, Map.of(), List.of(), List.of(), at, null), at);
            add(chat, 802, new ChatAssigned(802, "agent", 202, "Ben Two", 1, "router", at.plusSeconds(30)), at.plusSeconds(30));
            add(chat, 802, new ChatFinished(802, "finished", "resolved", null, at.plusSeconds(600)), at.plusSeconds(600));
            add(RedactionEvents.AGGREGATE_TYPE, 802, Scenario.redactedMessage(802, 1, "customer", null, null,
                    "charged twice", List.of(), -0.2, "billing", 0.9, at.plusSeconds(40)), at.plusSeconds(40));
            add(chat, 803, new ChatCreated(803, "queued", 42L, "en", null, null, Map.of(), List.of(), List.of(), at, null), at);
            add(chat, 803, new ChatFinished(803, "abandoned", "left", null, at.plusSeconds(90)), at.plusSeconds(90));
            add(chat, 804, new ChatCreated(804, "va_assigned", null, "en", null, null, Map.of(), List.of(), List.of(), at, null), at);
        }
    }

    static RequestSpecification as(String token, String partner) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("x-cp-partner-id", partner);
    }

    static RequestSpecification supervisor(String partner) {
        return as(TestTokens.agent(partner, 202, "agent", "supervisor"), partner);
    }

    static String query(String args) {
        return "query { getConversationMetrics(" + args + ") { interval timeZone from to groupBy channel rows { " + ROW
                + " } } }";
    }

    static JsonPath metrics(String partner, String args) {
        String body = supervisor(partner).body(Map.of("query", query(args))).post(PATH.formatted(partner)).then()
                .log().ifValidationFails().statusCode(200).body("errors", nullValue()).body("extensions.watermark", notNullValue())
                .extract().asString();
        return JsonPath.with(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .setRootPath("data.getConversationMetrics");
    }

    /** The UTC days that hold every conversation of the test. */
    static final String UTC_DAYS = "interval: P1D, from: \"2026-10-31T00:00:00Z\", to: \"2026-11-04T00:00:00Z\"";
    static final String UTC_HOURS = "interval: PT1H, from: \"2026-10-31T00:00:00Z\", to: \"2026-11-04T00:00:00Z\"";

    static String range(String interval, String zone) {
        return "interval: " + interval + ", from: \"" + FROM + "\", to: \"" + TO + "\", timeZone: \"" + zone + "\"";
    }

    /** Every call of the partner as the Manager API shows it. */
    static List<Map<String, Object>> managerCalls(String partner) {
        String body = given().auth().oauth2(TestTokens.bearer(partner, "supervisor")).get("/manager/api/v1/calls?per=1000")
                .then().statusCode(200).extract().asString();
        return JsonPath.with(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getList("$");
    }

    /** count and total of a metric over the calls, as the Manager API's per-call values add up. */
    record Sum(int count, BigDecimal total) {
        static Sum of(List<Map<String, Object>> calls, String field) {
            int count = 0;
            BigDecimal total = BigDecimal.ZERO;
            for (Map<String, Object> call : calls) {
                if (field.equals("transfer_time")) {
                    for (Object t : (List<?>) call.get("transfers")) {
                        Object v = ((Map<?, ?>) t).get("transfer_time");
                        if (v != null) {
                            count++;
                            total = total.add(num(v));
                        }
                    }
                } else if (call.get(field) != null) {
                    count++;
                    total = total.add(num(call.get(field)));
                }
            }
            return new Sum(count, total);
        }

        static Sum ofRows(List<Map<String, Object>> rows, String metric) {
            int count = 0;
            BigDecimal total = BigDecimal.ZERO;
            for (Map<String, Object> row : rows) {
                Map<?, ?> m = (Map<?, ?>) row.get(metric);
                count += num(m.get("count")).intValue();
                total = total.add(num(m.get("total")));
            }
            return new Sum(count, total);
        }

        void assertEquals(Sum ours, String what) {
            assertThat(ours.count).as(what + " count").isEqualTo(count);
            assertThat(ours.total).as(what + " total").isEqualByComparingTo(total);
        }
    }

    static Map<String, String> allMetrics() {
        Map<String, String> all = new LinkedHashMap<>(METRICS);
        all.put("transferTime", "transfer_time");
        return all;
    }

    @Test
    void theSumsAreWhatTheManagerApisPerCallMetricsAddUpTo() {
        List<Map<String, Object>> calls = managerCalls(PARTNER);
        assertThat(calls).hasSize(CALLS + 3);
        JsonPath all = metrics(PARTNER, range("P1D", "America/New_York") + ", channel: CALL");
        List<Map<String, Object>> rows = all.getList("rows");
        assertThat(rows.stream().mapToInt(r -> num(r.get("calls")).intValue()).sum()).isEqualTo(calls.size());
        allMetrics().forEach((ours, theirs) -> Sum.of(calls, theirs).assertEquals(Sum.ofRows(rows, ours), ours));
        // some of every metric, so the comparison compares something
        allMetrics().forEach((ours, theirs) -> assertThat(Sum.of(calls, theirs).count()).as(theirs).isPositive());

        // per agent: the Manager API's agent_info
        List<Map<String, Object>> byAgent = metrics(PARTNER, UTC_DAYS + ", groupBy: AGENT, channel: CALL")
                .getList("rows");
        Map<String, List<Map<String, Object>>> rowsOfAgent = new TreeMap<>();
        byAgent.forEach(r -> rowsOfAgent.computeIfAbsent(String.valueOf(((Map<?, ?>) r.get("group")).get("id")),
                k -> new ArrayList<>()).add(r));
        for (String agent : List.of("201", "202", "203")) {
            List<Map<String, Object>> handled = calls.stream().filter(handledBy(agent)).toList();
            assertThat(handled).as(agent).isNotEmpty();
            allMetrics().forEach((ours, theirs) -> Sum.of(handled, theirs)
                    .assertEquals(Sum.ofRows(rowsOfAgent.get(agent), ours), agent + " " + ours));
        }
        assertThat(rowsOfAgent.get("null")).as("calls without an agent").isNotEmpty();
        assertThat(byAgent).allSatisfy(r -> assertThat(((Map<?, ?>) r.get("group")).get("by")).isEqualTo("AGENT"));
        assertThat(byAgent.stream().filter(r -> "201".equals(((Map<?, ?>) r.get("group")).get("id"))).findFirst()
                .orElseThrow().get("group")).isEqualTo(Map.of("by", "AGENT", "id", "201", "name", "Ann One"));

        // per day of New York: the calls created that local day
        Map<LocalDate, List<Map<String, Object>>> callsOfDay = new TreeMap<>();
        calls.forEach(c -> callsOfDay.computeIfAbsent(Instant.parse((String) c.get("created_at")).atZone(NEW_YORK)
                .toLocalDate(), k -> new ArrayList<>()).add(c));
        assertThat(rows).extracting(r -> r.get("bucketStart")).containsExactly("2026-10-31T04:00:00.000Z",
                "2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z");
        int i = 0;
        for (List<Map<String, Object>> day : callsOfDay.values()) {
            Map<String, Object> row = rows.get(i++);
            assertThat(num(row.get("calls")).intValue()).isEqualTo(day.size());
            Sum.of(day, "handle_time").assertEquals(Sum.ofRows(List.of(row), "handleTime"), "handle time " + row.get("bucketStart"));
            Sum.of(day, "talk_time").assertEquals(Sum.ofRows(List.of(row), "talkTime"), "talk time " + row.get("bucketStart"));
        }
        // the average is total / count
        Map<?, ?> handle = (Map<?, ?>) rows.get(1).get("handleTime");
        assertThat(num(handle.get("average"))).isEqualByComparingTo(num(handle.get("total"))
                .divide(num(handle.get("count")), 3, java.math.RoundingMode.HALF_UP));
    }

    /**
     * The calls projection keeps every call's measures ({@code call_measures}); calls projected before that table
     * existed have none, and a row computed from older facts than its call shows now is not used: the query measures
     * those calls when read (same answer) and stores their rows.
     */
    @Test
    void callsWithoutCurrentMeasuresAreMeasuredWhenReadAndStored() throws Exception {
        String args = UTC_DAYS + ", groupBy: TEAM, channel: CALL";
        List<Map<String, Object>> before = metrics(PARTNER, args).getList("rows");
        assertThat(currentMeasures(PARTNER)).as("the projection measured every call").isEqualTo(CALLS + 3);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // half missing; the other half from "older facts", with absurd values that must not be counted
            s.executeUpdate("DELETE FROM call_measures WHERE partner_id = '" + PARTNER + "' AND call_id % 2 = 0");
            s.executeUpdate("UPDATE call_measures SET change_seq = change_seq - 1, handle_ms = 987654321, ended = false"
                    + " WHERE partner_id = '" + PARTNER + "'");
        }
        assertThat(currentMeasures(PARTNER)).isZero();
        assertThat(metrics(PARTNER, args).<Map<String, Object>>getList("rows")).isEqualTo(before);
        assertThat(currentMeasures(PARTNER)).as("stored for the next query").isEqualTo(CALLS + 3);
        assertThat(metrics(PARTNER, args).<Map<String, Object>>getList("rows")).isEqualTo(before);
    }

    /** The calls whose measures were computed from the facts their row shows now. */
    int currentMeasures(String partner) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM calls c JOIN call_measures m"
                     + " ON m.partner_id = c.partner_id AND m.call_id = c.id AND m.change_seq = c.change_seq"
                     + " WHERE c.partner_id = '" + partner + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** JSON numbers: small integers come as Integer, the rest as BigDecimal. */
    static BigDecimal num(Object n) {
        return n == null ? null : new BigDecimal(n.toString());
    }

    static Predicate<Map<String, Object>> handledBy(String agent) {
        return c -> c.get("agent_info") != null && agent.equals(String.valueOf(((Map<?, ?>) c.get("agent_info")).get("id")));
    }

    @Test
    void bucketsFollowTheZonesClockAcrossTheDstChange() {
        JsonPath days = metrics(PARTNER, range("P1D", "America/New_York"));
        assertThat(days.getString("interval")).isEqualTo("P1D");
        assertThat(days.getString("timeZone")).isEqualTo("America/New_York");
        assertThat(days.getString("from")).isEqualTo("2026-10-31T04:00:00.000Z");
        assertThat(days.getString("to")).isEqualTo("2026-11-03T05:00:00.000Z");
        // Nov 1 is 25 hours long in New York
        assertThat(days.getString("rows[1].bucketStart")).isEqualTo("2026-11-01T04:00:00.000Z");
        assertThat(days.getString("rows[1].bucketEnd")).isEqualTo("2026-11-02T05:00:00.000Z");
        // in UTC, call 1100 (04:30Z on Nov 2) is on Nov 2, in New York on Nov 1 (23:30 EST)
        List<Map<String, Object>> calls = managerCalls(PARTNER);
        long nov1NewYork = calls.stream().filter(c -> Instant.parse((String) c.get("created_at")).atZone(NEW_YORK)
                .toLocalDate().equals(LocalDate.of(2026, 11, 1))).count();
        long nov1Utc = calls.stream().filter(c -> ((String) c.get("created_at")).startsWith("2026-11-01")).count();
        assertThat(nov1NewYork).isNotEqualTo(nov1Utc);
        assertThat(days.getInt("rows[1].calls")).isEqualTo((int) nov1NewYork);
        JsonPath utc = metrics(PARTNER, "interval: P1D, from: \"2026-11-01\", to: \"2026-11-02\", channel: CALL");
        assertThat(utc.getString("rows[0].bucketStart")).isEqualTo("2026-11-01T00:00:00.000Z");
        assertThat(utc.getInt("rows[0].calls")).isEqualTo((int) nov1Utc);

        // the repeated hour: 01:00 EDT (05:00Z) and 01:00 EST (06:00Z) are two buckets, each with its call
        JsonPath hours = metrics(PARTNER, "interval: PT1H, from: \"2026-11-01T00:00\", to: \"2026-11-01T03:00\","
                + " timeZone: \"America/New_York\", channel: CALL");
        assertThat(hours.getString("from")).isEqualTo("2026-11-01T04:00:00.000Z");
        assertThat(hours.getString("to")).isEqualTo("2026-11-01T08:00:00.000Z");
        List<String> starts = hours.getList("rows.bucketStart");
        assertThat(starts).contains("2026-11-01T05:00:00.000Z", "2026-11-01T06:00:00.000Z");
        assertThat(hours.getString("rows.find { it.bucketStart == '2026-11-01T05:00:00.000Z' }.bucketEnd"))
                .isEqualTo("2026-11-01T06:00:00.000Z");
        int inHours = hours.getList("rows.calls").stream().mapToInt(n -> num(n).intValue()).sum();
        long expected = calls.stream().map(c -> Instant.parse((String) c.get("created_at")))
                .filter(t -> !t.isBefore(Instant.parse("2026-11-01T04:00:00Z")) && t.isBefore(Instant.parse("2026-11-01T08:00:00Z")))
                .count();
        assertThat(inHours).isEqualTo((int) expected);

        // quarter hours: every bucket starts at :00, :15, :30 or :45 and is 15 minutes long
        JsonPath quarters = metrics(PARTNER, range("PT15M", "America/New_York"));
        assertThat(quarters.getList("rows.bucketStart", String.class)).allSatisfy(s -> assertThat(s).matches(".*T\\d\\d:(00|15|30|45):00\\.000Z"));
        assertThat(quarters.getList("rows.conversations").stream().mapToInt(n -> num(n).intValue()).sum())
                .isEqualTo(CALLS + 3 + 4);
    }

    @Test
    void groupsByChannelMenuTeamAndIntentWithContainment() {
        JsonPath channel = metrics(PARTNER, "interval: P1D, groupBy: CHANNEL, from: \"2026-11-01\", to: \"2026-11-02\"");
        Map<String, Object> chats = channel.getMap("rows.find { it.group.id == 'CHAT' }");
        assertThat(num(chats.get("chats")).intValue()).isEqualTo(4);
        assertThat(num(chats.get("calls")).intValue()).isZero();
        // 801 contained (virtual agent only); 802 had an agent; 803 queued and abandoned; 804 has not ended
        assertThat(num(chats.get("ended")).intValue()).isEqualTo(3);
        assertThat(num(chats.get("contained")).intValue()).isEqualTo(1);
        assertThat(num(chats.get("containedRate"))).isEqualByComparingTo("0.3333");
        assertThat(num(((Map<?, ?>) chats.get("handleTime")).get("count"))).isEqualByComparingTo("0");
        assertThat(((Map<?, ?>) chats.get("handleTime")).get("average")).isNull();

        // calls: contained = ended without queue or agent (the IVR kind), by the Manager API's own fields
        List<Map<String, Object>> calls = managerCalls(PARTNER);
        long ended = calls.stream().filter(c -> c.get("ends_at") != null).count();
        long contained = calls.stream().filter(c -> c.get("ends_at") != null && c.get("queued_at") == null
                && c.get("connected_at") == null && c.get("assigned_at") == null
                && !((String) c.get("call_type")).contains("Outbound")).count();
        JsonPath callsOnly = metrics(PARTNER, UTC_HOURS + ", channel: CALL");
        assertThat(callsOnly.getList("rows.ended").stream().mapToInt(n -> num(n).intValue()).sum())
                .isEqualTo((int) ended);
        assertThat(callsOnly.getList("rows.contained").stream().mapToInt(n -> num(n).intValue()).sum())
                .isEqualTo((int) contained).isPositive();
        assertThat(callsOnly.getList("rows.chats")).allSatisfy(n -> assertThat(num(n)).isEqualByComparingTo("0"));

        // menus, with their names; calls in the IVR have none
        JsonPath menus = metrics(PARTNER, UTC_DAYS + ", groupBy: MENU, channel: CALL");
        Map<String, Integer> perMenu = new TreeMap<>();
        menus.getList("rows", Map.class).forEach(r -> perMenu.merge(String.valueOf(((Map<?, ?>) r.get("group")).get("name")),
                num(r.get("calls")).intValue(), Integer::sum));
        Map<String, Integer> expectedMenus = new TreeMap<>();
        calls.forEach(c -> expectedMenus.merge(c.get("selected_menu") == null ? "null"
                : String.valueOf(((Map<?, ?>) c.get("selected_menu")).get("name")), 1, Integer::sum));
        assertThat(perMenu).isEqualTo(expectedMenus).containsKeys("Sales", "Support", "null");

        // teams: agent 202 is in both, so its conversations count in both
        JsonPath teams = metrics(PARTNER, UTC_DAYS + ", groupBy: TEAM");
        Map<String, Integer> perTeam = new TreeMap<>();
        teams.getList("rows", Map.class).forEach(r -> perTeam.merge(String.valueOf(((Map<?, ?>) r.get("group")).get("id")),
                num(r.get("conversations")).intValue(), Integer::sum));
        long of201 = calls.stream().filter(handledBy("201")).count();
        long of202 = calls.stream().filter(handledBy("202")).count() + 1; // + chat 802
        assertThat(perTeam.get("21")).isEqualTo((int) (of201 + of202));
        assertThat(perTeam.get("22")).isEqualTo((int) of202);
        assertThat(teams.getString("rows.find { it.group.id == '22' }.group.name")).isEqualTo("Tier 2");

        // intents: chats only; chat 802's billing
        JsonPath intents = metrics(PARTNER, UTC_DAYS + ", groupBy: INTENT");
        assertThat(intents.getList("rows.findAll { it.group.id == 'billing' }.chats").stream().map(n -> num(n).intValue()))
                .containsExactly(1);
        assertThat(intents.getList("rows.findAll { it.group.id != null }.calls"))
                .allSatisfy(n -> assertThat(num(n)).isEqualByComparingTo("0"));
    }

    @Test
    void rangesAndArgumentsOutOfBoundsAreRefusedNamingTheArgument() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("interval: PT15M, from: \"2026-01-01\", to: \"2026-02-02\"", "to");
        refused.put("interval: PT1H, from: \"2026-01-01\", to: \"2026-04-04\"", "to");
        refused.put("interval: P1D, from: \"2026-01-01\", to: \"2027-01-03\"", "to");
        refused.put("interval: P1D, from: \"2026-01-02\", to: \"2026-01-01\"", "to");
        refused.put("interval: P1D, from: \"2026-01-01T10:00:00Z\", to: \"2026-01-03\"", "from");
        refused.put("interval: PT15M, from: \"2026-01-01T00:07\", to: \"2026-01-03\"", "from");
        refused.put("interval: P1D, from: \"soon\", to: \"2026-01-03\"", "from");
        refused.put("interval: P1D, from: \"" + "9".repeat(100) + "\", to: \"2026-01-03\"", "from");
        refused.put("interval: P1D, from: \"2026-01-01\", to: \"99999-01-01T00:00:00Z\"", "to");
        refused.put("interval: P1D, from: \"2026-01-01\", to: \"2026-01-03\", timeZone: \"Moon/Base\"", "timeZone");
        refused.put("interval: P1D, from: \"2026-01-01\", to: \"2026-01-03\", timeZone: \"" + "x".repeat(300) + "\"", "timeZone");
        refused.forEach((args, argument) -> {
            supervisor(PARTNER).body(Map.of("query", query(args))).post(PATH.formatted(PARTNER)).then().log().ifValidationFails()
                    .statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(argument));
            // /graphql: GraphQL errors naming it
            supervisor(PARTNER).body(Map.of("query", query(args))).post("/graphql").then().statusCode(200)
                    .body("errors[0].extensions.argument", equalTo(argument)).body("data", nullValue());
        });
        // not a value of the enum: invalid against the schema
        supervisor(PARTNER).body(Map.of("query", query("interval: P1W, from: \"2026-01-01\", to: \"2026-01-03\"")))
                .post(PATH.formatted(PARTNER)).then().statusCode(400).body("errors[0].field", equalTo("query"));
        supervisor(PARTNER).body(Map.of("query", query("interval: P1D, from: \"2026-01-01\", to: \"2026-01-03\", groupBy: PLANET")))
                .post(PATH.formatted(PARTNER)).then().statusCode(400).body("errors[0].field", equalTo("query"));
        // variables reach the same checks
        supervisor(PARTNER).body(Map.of("query", "query($to: String!) { getConversationMetrics(interval: PT15M, from: \"2026-01-01\","
                        + " to: $to) { rows { calls } } }", "variables", Map.of("to", "2026-03-01")))
                .post(PATH.formatted(PARTNER)).then().statusCode(400).body("errors[0].field", equalTo("to"));
        // the longest allowed range answers
        metrics(PARTNER, "interval: PT15M, from: \"2026-10-10\", to: \"2026-11-10\", timeZone: \"America/New_York\"");
    }

    @Test
    void theAnalyticsPolicyIsSupervisorsAndAdminsByDefault() {
        String q = query(UTC_DAYS);
        as(TestTokens.agent(PARTNER, 201, "agent"), PARTNER).body(Map.of("query", q)).post(PATH.formatted(PARTNER)).then()
                .statusCode(403).contentType("application/problem+json");
        as(TestTokens.agent(PARTNER, 201, "agent", "enhanced-agent"), PARTNER).body(Map.of("query", q))
                .post(PATH.formatted(PARTNER)).then().statusCode(403);
        as(TestTokens.bearer(PARTNER, "admin"), PARTNER).body(Map.of("query", q)).post(PATH.formatted(PARTNER)).then()
                .statusCode(200).body("data.getConversationMetrics.rows", notNullValue());
        given().auth().oauth2(TestTokens.bearer(PARTNER, "admin")).get("/api/partners/" + PARTNER + "/access-policies")
                .then().statusCode(200)
                .body("find { it.name == 'Analytics' }.actions", equalTo(List.of("conversationdata:getConversationMetrics")))
                .body("find { it.name == 'Analytics' }.roles", equalTo(List.of("admin", "supervisor")));
    }

    @Test
    void partnersSeededBeforeTheAnalyticsPolicyGetItOnce() throws Exception {
        // As a partner seeded at the second generation of the defaults (before Analytics) was left.
        String partner = "seeded-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO data_access_partners (partner_id, defaults_version) VALUES ('" + partner + "', 2)");
        }
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.bearer(partner, "admin")).get("/api/partners/" + partner + "/access-policies")
                    .then().statusCode(200).body("name", equalTo(List.of("Analytics")))
                    .body("find { it.name == 'Analytics' }.roles", equalTo(List.of("admin", "supervisor")));
        }
        as(TestTokens.agent(partner, 1, "agent", "supervisor"), partner).body(Map.of("query", query(UTC_DAYS)))
                .post(PATH.formatted(partner)).then().statusCode(200).body("data.getConversationMetrics.rows.size()", equalTo(0));
    }

    @Test
    void eachPartnerCountsItsOwnAndTheSystemLevelEach() {
        String q = query(UTC_DAYS + ", channel: CALL");
        // the same calls were fed to OTHER: each partner sees its own once
        JsonPath mine = metrics(PARTNER, UTC_DAYS + ", channel: CALL");
        JsonPath theirs = metrics(OTHER, UTC_DAYS + ", channel: CALL");
        assertThat(theirs.getList("rows.calls")).isEqualTo(mine.getList("rows.calls"));
        assertThat(theirs.getList("rows.partnerId", String.class)).containsOnly(OTHER);
        assertThat(mine.getList("rows.calls").stream().mapToInt(n -> num(n).intValue()).sum())
                .isEqualTo(CALLS + 3);
        // another partner's path is 404
        supervisor(PARTNER).header("x-cp-partner-id", OTHER).body(Map.of("query", q)).post(PATH.formatted(OTHER)).then()
                .statusCode(404);
        // the system level: each partner's rows, with its partnerId
        String body = given().auth().oauth2(TestTokens.bearer("platform-ops", "system")).contentType(ContentType.JSON)
                .body(Map.of("query", q)).post("/api/system/data/conversationdata/getConversationMetrics").then()
                .statusCode(200).body("extensions.watermark", notNullValue()).extract().asString();
        JsonPath system = JsonPath.with(body).setRootPath("data.getConversationMetrics");
        assertThat(system.getList("rows.findAll { it.partnerId == '" + PARTNER + "' }.calls"))
                .isEqualTo(JsonPath.with(body).getList("data.getConversationMetrics.rows.findAll { it.partnerId == '"
                        + OTHER + "' }.calls"));
        assertThat(system.getList("rows.findAll { it.partnerId == '" + PARTNER + "' }.calls")).isNotEmpty();
    }
}
