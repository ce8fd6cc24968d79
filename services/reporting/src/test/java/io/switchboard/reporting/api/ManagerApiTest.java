package io.switchboard.reporting.api;

import io.switchboard.reporting.AppliedEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.reporting.Scenario;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The Manager API read endpoints over projections fed through the real Kafka broker: the scenario's
 * events (plus five short calls for paging) are produced like the outbox router would, and the tests
 * wait until the consumer applied them all.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ManagerApiTest {
    static final String PARTNER = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER_PARTNER = "globex-" + UUID.randomUUID().toString().substring(0, 8);
    static final String BASE = "/manager/api/v1";
    /** The Kafka keys (aggregate ids) of the scenario's call and chat. */
    static final String CALL_KEY = TestEnvelopes.key(CallEvents.AGGREGATE_TYPE, Scenario.CALL_ID);
    static final String CHAT_KEY = TestEnvelopes.key(io.switchboard.events.chat.ChatEvents.AGGREGATE_TYPE, Scenario.CHAT_ID);
    static List<EventEnvelope> events;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void feedOnce() {
        synchronized (ManagerApiTest.class) {
            if (events != null) {
                return;
            }
            List<EventEnvelope> all = new ArrayList<>(Scenario.of(PARTNER));
            all.addAll(shortCalls(PARTNER));
            all.addAll(media(PARTNER));
            try (EventFeed feed = new EventFeed()) {
                feed.send(all);
                // The other partner has an agent of the same id: it must never show up for PARTNER.
                feed.send(Scenario.of(OTHER_PARTNER).subList(0, 1));
            }
            awaitApplied(PARTNER, all.size());
            awaitApplied(OTHER_PARTNER, 1);
            events = all;
        }
    }

    /** A photo of the scenario's call and a video of its chat, from the media service's topic. */
    static List<EventEnvelope> media(String partner) {
        return Scenario.media(partner);
    }

    /** Five calls abandoned in the IVR, ids 601–605, for paging. */
    static List<EventEnvelope> shortCalls(String partner) {
        List<EventEnvelope> calls = new ArrayList<>();
        for (long id = 601; id <= 605; id++) {
            Instant created = Instant.parse("2026-11-21T11:00:00Z").plusSeconds(id);
            calls.add(envelope(partner, id, 1, new CallCreated(id, "Voice Inbound (IVR)", "selecting", 31L, "en",
                    "+1555" + id, null, null, null, null, "not_asked", null, created)));
            calls.add(envelope(partner, id, 2, new CallEnded(id, "failed", "disconnected_by_end_user",
                    "eu_in_menu_abandoned", 0, 0, created.plusSeconds(20))));
        }
        return calls;
    }

    static EventEnvelope envelope(String partner, long callId, long sequence, io.switchboard.events.DomainEvent data) {
        Instant at = data instanceof CallCreated c ? c.createdAt() : ((CallEnded) data).endedAt();
        return TestEnvelopes.of(data).partner(partner).aggregate(CallEvents.AGGREGATE_TYPE, callId).sequence(sequence)
                .at(at).build();
    }

    void awaitApplied(String partner, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> appliedCount(partner) >= count);
    }

    long appliedCount(String partner) throws SQLException {
        return AppliedEvents.count(dataSource, partner);
    }

    static RequestSpecification as(String partner, String... roles) {
        return given().auth().oauth2(TestTokens.bearer(partner, roles));
    }

    static RequestSpecification supervisor() {
        return as(PARTNER, "supervisor");
    }

    @Test
    void aCallCarriesParticipantsTransfersAndSegmentMetrics() {
        supervisor().get(BASE + "/calls/" + Scenario.CALL_ID).then().statusCode(200)
                .body("id", equalTo(501))
                .body("status", equalTo("finished"))
                .body("call_type", equalTo("Voice Inbound (IVR)"))
                .body("created_at", equalTo("2026-11-21T10:00:00.000Z"))
                .body("queued_at", equalTo("2026-11-21T10:00:30.250Z"))
                .body("connected_at", equalTo("2026-11-21T10:01:05.500Z"))
                .body("ends_at", equalTo("2026-11-21T10:11:05.500Z"))
                .body("call_duration", equalTo(600))
                .body("hold_duration", equalTo(45))
                .body("queue_duration", equalTo(35))
                .body("billing_time", equalTo(665.5f))
                .body("ivr_time", equalTo(30.25f))
                .body("queue_time", equalTo(35.25f))
                .body("handle_time", equalTo(600.0f))
                .body("ring_time", equalTo(5.5f))
                .body("talk_time", equalTo(555.0f))
                .body("hold_time", equalTo(45.0f))
                .body("conference_time", equalTo(360.0f))
                .body("third_party_talk_time", equalTo(60.0f))
                .body("agent_info.id", equalTo(101))
                .body("agent_info.name", equalTo("Ada King"))
                .body("end_user.id", equalTo(9001))
                .body("selected_menu.name", equalTo("Billing"))
                .body("menu_path.name", equalTo("Support / Billing"))
                .body("menu_path.materialized_path", equalTo("31/32"))
                .body("photos.id", contains(801))
                .body("videos", hasSize(0))
                .body("participants.id", contains(1, 2, 3, 4, 5))
                .body("participants.find { it.id == 4 }.ended_at", nullValue())
                .body("participants.find { it.id == 3 }.call_duration", equalTo(360))
                .body("transfers.id", contains(21, 22))
                .body("transfers.transfer_time", contains(10.0f, 30.0f))
                .body("transfers[0].to_agent.name", equalTo("Bob Byte"))
                .body("transfers[1].connected_at", equalTo("2026-11-21T10:05:00.000Z"));
    }

    @Test
    void aCallAbandonedInTheIvrHasNullForSegmentsThatDoNotApply() {
        supervisor().get(BASE + "/calls/601").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("fail_reason", equalTo("eu_in_menu_abandoned"))
                .body("call_time", equalTo(20.0f))
                .body("ivr_time", nullValue())
                .body("handle_time", nullValue())
                .body("talk_time", nullValue())
                .body("conference_time", nullValue());
    }

    @Test
    void callsArePagedWithTotalAndLinkHeaders() {
        Response first = supervisor().queryParam("per", 2).queryParam("sort_column", "id")
                .queryParam("id[]", "501,601,602,603,604,605").get(BASE + "/calls");
        first.then().statusCode(200)
                .header("total", "6")
                .header("per-page", "2")
                .header("Link", containsString("page=2>; rel=\"next\""))
                .header("Link", containsString("page=3>; rel=\"last\""))
                .header("Link", not(containsString("rel=\"prev\"")))
                .body("id", contains(501, 601));
        supervisor().queryParam("per", 2).queryParam("page", 3).queryParam("id[]", "501,601,602,603,604,605")
                .get(BASE + "/calls").then().statusCode(200)
                .header("Link", containsString("page=2>; rel=\"prev\""))
                .header("Link", not(containsString("rel=\"next\"")))
                .body("id", contains(604, 605));
        supervisor().queryParam("sort_column", "created_at").queryParam("sort_direction", "DESC")
                .queryParam("per", 3).get(BASE + "/calls").then().statusCode(200).body("id", contains(605, 604, 603));
    }

    @Test
    void callsTailByUpdatedAt() {
        supervisor().queryParam("updated_at[from]", "2026-11-21T11:00:00.000Z")
                .queryParam("sort_column", "updated_at").queryParam("sort_direction", "ASC")
                .get(BASE + "/calls").then().statusCode(200)
                .header("total", "5")
                .body("id", contains(601, 602, 603, 604, 605));
        supervisor().queryParam("updated_at[from]", "2026-11-21T09:00:00.000Z")
                .queryParam("updated_at[to]", "2026-11-21T10:59:59.999Z").get(BASE + "/calls")
                .then().statusCode(200).body("id", contains(501));
    }

    @Test
    void badListParametersAreProblemsNamingTheParameter() {
        supervisor().queryParam("per", 0).get(BASE + "/calls").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("per"));
        supervisor().queryParam("per", 1001).get(BASE + "/calls").then().statusCode(400);
        supervisor().queryParam("sort_column", "secret").get(BASE + "/calls").then().statusCode(400)
                .body(containsString("sort_column"));
        supervisor().queryParam("updated_at[from]", "yesterday").get(BASE + "/calls").then().statusCode(400)
                .body(containsString("updated_at[from]"));
    }

    @Test
    void agentActivityLogsAreIntervalsBetweenStatusChanges() {
        supervisor().queryParam("agent_id[]", 101).get(BASE + "/agent_activity_logs").then().statusCode(200)
                .header("total", "3")
                .body("status.name", contains("Available", "Break", "Available"))
                .body("status.id", contains(0, -2, 0))
                .body("reason", contains(null, "coffee", null))
                .body("started_at", contains("2026-11-21T09:10:00.000Z", "2026-11-21T09:20:00.000Z",
                        "2026-11-21T09:35:30.500Z"))
                .body("ended_at", contains("2026-11-21T09:20:00.000Z", "2026-11-21T09:35:30.500Z", null))
                .body("duration", contains(600, 930, null));
        supervisor().queryParam("started_at[from]", "2026-11-21T09:15:00.000Z").get(BASE + "/agent_activity_logs")
                .then().statusCode(200).body("agent_id", contains(102, 101, 101));
    }

    @Test
    void changedDetailsListEachChangedField() {
        supervisor().queryParam("entity_type[]", "agent").get(BASE + "/changed_details").then().statusCode(200)
                .body("field", contains("last_name", "name"))
                .body("former_value", contains("Lovelace", "Ada Lovelace"))
                .body("new_value", contains("King", "Ada King"))
                .body("changed_by", contains(103, 103))
                .body("changed_at[0]", equalTo("2026-11-21T09:03:00.000Z"));
        supervisor().queryParam("entity_type[]", "call").queryParam("entity_id[]", 501).get(BASE + "/changed_details")
                .then().statusCode(200)
                .body("former_value", contains("selecting", "queued", "connecting", "connected"))
                .body("new_value", contains("queued", "connecting", "connected", "finished"));
        supervisor().queryParam("entity_type[]", "chat").get(BASE + "/changed_details").then().statusCode(200)
                .body("new_value", contains("assigned"));
        supervisor().queryParam("entity_type[]", "team").get(BASE + "/changed_details").then().statusCode(200)
                .body("new_value", contains("East Coast"));
    }

    @Test
    void agentsCarryCurrentStatusAndTeams() {
        supervisor().get(BASE + "/agents").then().statusCode(200)
                .header("total", "3")
                .body("id", contains(101, 102, 103))
                .body("[0].last_name", equalTo("King"))
                .body("[0].status.name", equalTo("Available"))
                .body("[0].status_updated_at", equalTo("2026-11-21T09:35:30.500Z"))
                .body("[0].teams.name", contains("US"))
                .body("[1].teams.name", contains("East Coast"))
                .body("[2].status", nullValue())
                .body("[2].roles", contains("agent", "supervisor"));
        supervisor().get(BASE + "/agents/102").then().statusCode(200).body("email", equalTo("bob@acme.test"));
        supervisor().get(BASE + "/agents/999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void teamsWithAssigneesAndTheTree() {
        supervisor().get(BASE + "/teams").then().statusCode(200)
                .body("id", contains(11, 12))
                .body("[0].assignees.id", contains(101))
                .body("[1].name", equalTo("East Coast"))
                .body("[1].agents_count", equalTo(2))
                .body("[1].assignees.id", contains(102, 103));
        supervisor().get(BASE + "/teams/tree").then().statusCode(200)
                .body("id", contains(11))
                .body("[0].children.name", contains("East Coast"))
                .body("[0].children[0].children", hasSize(0));
        supervisor().get(BASE + "/teams/12").then().statusCode(200).body("parent_id", equalTo(11));
    }

    @Test
    void menusAndTheMenuTree() {
        supervisor().get(BASE + "/menus").then().statusCode(200)
                .body("id", contains(31, 32))
                .body("[1].team_assignments[0].team.name", equalTo("East Coast"))
                .body("[1].team_assignments[0].channel_type", equalTo("voice_call"));
        supervisor().get(BASE + "/menus/tree").then().statusCode(200)
                .body("id", contains(31))
                .body("[0].children.id", contains(32));
    }

    @Test
    void chatsWithParticipants() {
        supervisor().queryParam("id[]", Scenario.CHAT_ID).get(BASE + "/chats").then().statusCode(200)
                .header("total", "1")
                .body("[0].id", equalTo(701))
                .body("[0].status", equalTo("finished"))
                .body("[0].message_count", equalTo(2))
                .body("[0].wait_duration", equalTo(10))
                .body("[0].chat_duration", equalTo(590))
                .body("[0].end_user.identifier", equalTo("cust-77"))
                .body("[0].agent_info.name", equalTo("Ada King"))
                .body("[0].participants.user_id", contains(101))
                .body("[0].participants[0].finished_at", equalTo("2026-11-21T09:40:00.000Z"))
                .body("[0].transfers", hasSize(0));
    }

    @Test
    void callAndChatParticipantsAndUserInfoAreListsOfTheirOwn() {
        supervisor().queryParam("call_id[]", Scenario.CALL_ID).get(BASE + "/call_participants").then().statusCode(200)
                .header("total", "5")
                .body("id", contains(1, 2, 3, 4, 5))
                .body("find { it.id == 3 }.call_duration", equalTo(360))
                .body("find { it.id == 3 }.call_id", equalTo(501))
                .body("find { it.id == 4 }.status", equalTo("finished"))
                .body("find { it.id == 4 }.ended_at", nullValue());
        List<String> agentsConnected = supervisor().queryParam("call_id[]", Scenario.CALL_ID)
                .queryParam("type[]", "agent").queryParam("sort_column", "connected_at")
                .queryParam("sort_direction", "DESC").get(BASE + "/call_participants").then().statusCode(200)
                .body("type", everyItem(equalTo("agent"))).extract().path("connected_at");
        assertThat(agentsConnected).hasSizeGreaterThanOrEqualTo(2)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        supervisor().queryParam("chat_id[]", Scenario.CHAT_ID).get(BASE + "/chat_participants").then().statusCode(200)
                .header("total", "1")
                .body("[0].chat_id", equalTo(701))
                .body("[0].user_id", equalTo(101))
                .body("[0].finished_at", equalTo("2026-11-21T09:40:00.000Z"))
                .body("[0].status", equalTo("finished"));
        supervisor().queryParam("id[]", 101).get(BASE + "/user_info").then().statusCode(200)
                .header("total", "1")
                .body("[0].name", equalTo("Ada King"))
                .body("[0]", not(hasKey("status")));
        supervisor().queryParam("sort_column", "phone").get(BASE + "/call_participants").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("sort_column"))
                .body("detail", containsString("connected_at"));
        as(OTHER_PARTNER, "admin").queryParam("call_id[]", Scenario.CALL_ID).get(BASE + "/call_participants").then()
                .statusCode(200).header("total", "0");
        as(OTHER_PARTNER, "admin").queryParam("chat_id[]", Scenario.CHAT_ID).get(BASE + "/chat_participants").then()
                .statusCode(200).header("total", "0");
        given().get(BASE + "/user_info").then().statusCode(401);
    }

    @Test
    void photosAndVideosAreListedAndNestedInTheirCallOrChat() {
        supervisor().get(BASE + "/photos").then().statusCode(200).header("total", "1")
                .body("[0].id", equalTo(801))
                .body("[0].photo_type", equalTo("photo"))
                .body("[0].channel", equalTo("call"))
                .body("[0].channel_id", equalTo(501))
                .body("[0].url", equalTo("/apps/api/v1/media/photos/801"))
                .body("[0].attached_at", equalTo("2026-11-21T10:03:00.000Z"));
        supervisor().queryParam("chat_id[]", Scenario.CHAT_ID).get(BASE + "/videos").then().statusCode(200)
                .header("total", "1").body("[0].id", equalTo(901)).body("[0].duration_seconds", equalTo(12))
                .body("[0].url", equalTo("/apps/api/v1/media/videos/901"));
        supervisor().queryParam("call_id[]", Scenario.CALL_ID).get(BASE + "/videos").then().statusCode(200)
                .header("total", "0");
        supervisor().get(BASE + "/calls/" + Scenario.CALL_ID).then().statusCode(200)
                .body("photos.id", contains(801)).body("photos[0].url", equalTo("/apps/api/v1/media/photos/801"))
                .body("videos", hasSize(0));
        supervisor().get(BASE + "/chats/" + Scenario.CHAT_ID).then().statusCode(200)
                .body("videos.id", contains(901)).body("photos", hasSize(0));
        as(OTHER_PARTNER, "admin").get(BASE + "/photos").then().statusCode(200).header("total", "0");
        supervisor().queryParam("sort_column", "url").get(BASE + "/photos").then().statusCode(400)
                .body(containsString("sort_column"));
    }

    @Test
    void userStatusesAreTheDefaults() {
        supervisor().get(BASE + "/user_statuses").then().statusCode(200)
                .body("name", hasItem("Wrap-up"))
                .body("find { it.name == 'Break' }.wfm_id", equalTo(29));
    }

    @Test
    void authenticationAndRolesAreEnforced() {
        given().get(BASE + "/calls").then().statusCode(401);
        as(PARTNER, "agent").get(BASE + "/calls").then().statusCode(403);
        as(PARTNER, "admin").get(BASE + "/calls").then().statusCode(200);
        as(PARTNER, "system").get(BASE + "/agents").then().statusCode(200);
    }

    @Test
    void anotherPartnerSeesNoneOfIt() {
        as(OTHER_PARTNER, "admin").get(BASE + "/calls/" + Scenario.CALL_ID).then().statusCode(404);
        as(OTHER_PARTNER, "admin").get(BASE + "/calls").then().statusCode(200).header("total", "0")
                .body("", hasSize(0));
        as(OTHER_PARTNER, "admin").get(BASE + "/agents").then().statusCode(200)
                .body("id", contains(101)).body("[0].last_name", equalTo("Lovelace"));
        as(OTHER_PARTNER, "admin").get(BASE + "/chats/" + Scenario.CHAT_ID).then().statusCode(404);
    }

    @Test
    void everyResponseCarriesTheWatermark() {
        // Its values follow the writing services' heartbeats (WatermarkHeaderTest); here only its form.
        String form = "complete-as-of=(none; caught-up=false|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z; lag-ms=\\d+; caught-up=(true|false))";
        supervisor().get(BASE + "/agents").then().statusCode(200).header(WatermarkFilter.HEADER, matchesPattern(form));
        given().get(BASE + "/agents").then().statusCode(401).header(WatermarkFilter.HEADER, matchesPattern(form));
    }

    @Test
    void aDuplicateDeliveryChangesNothing() throws SQLException {
        String callBefore = supervisor().get(BASE + "/calls/" + Scenario.CALL_ID).then().statusCode(200)
                .extract().asString();
        String chatBefore = supervisor().get(BASE + "/chats/" + Scenario.CHAT_ID).then().statusCode(200)
                .body("message_count", equalTo(2)).extract().asString();
        long applied = appliedCount(PARTNER);
        List<EventEnvelope> redelivered = events.stream()
                .filter(e -> e.aggregateId().equals(CALL_KEY) || e.aggregateId().equals(CHAT_KEY)).toList();
        EventEnvelope callMarker = envelope(PARTNER, 606, 1, new CallCreated(606, "Voice Outbound (API)",
                "connecting", null, "en", null, "+15559999", 101L, null, null, "not_asked", null,
                Instant.parse("2026-11-21T08:00:00Z")));
        EventEnvelope chatMarker = TestEnvelopes.envelope(PARTNER, io.switchboard.events.chat.ChatEvents.AGGREGATE_TYPE,
                702, 1, new io.switchboard.events.chat.ChatEvents.ChatCreated(702, "queued", null, "en", null, null,
                        java.util.Map.of(), List.of(), List.of(), Instant.parse("2026-11-21T08:00:00Z"), null));
        try (EventFeed feed = new EventFeed()) {
            redelivered.forEach(e -> feed.sendKeyed(e.aggregateId(), e));
            // Same keys, so same partitions: once the markers are applied, every duplicate before them was consumed.
            feed.sendKeyed(CALL_KEY, callMarker);
            feed.sendKeyed(CHAT_KEY, chatMarker);
        }
        awaitApplied(PARTNER, (int) applied + 2);

        assertThat(appliedCount(PARTNER)).isEqualTo(applied + 2);
        assertThat(supervisor().get(BASE + "/calls/" + Scenario.CALL_ID).then().statusCode(200).extract().asString())
                .isEqualTo(callBefore);
        // Message counts are increments: a second application would have doubled them.
        assertThat(supervisor().get(BASE + "/chats/" + Scenario.CHAT_ID).then().statusCode(200).extract().asString())
                .isEqualTo(chatBefore);
        supervisor().queryParam("entity_type[]", "call").queryParam("entity_id[]", 501).get(BASE + "/changed_details")
                .then().header("total", "4");
    }

    static String nextLink(Response response) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"")
                .matcher(response.header("Link"));
        assertThat(m.find()).as("Link %s has rel=next", response.header("Link")).isTrue();
        return m.group(1);
    }

    @Test
    void tailingWithACursorSeesEveryChangeOnceEvenALateOne() {
        String ids = "501,601,602,603,604,605";
        Response first = supervisor().queryParam("cursor", 0).queryParam("limit", 4).queryParam("id[]", ids)
                .get(BASE + "/calls");
        first.then().statusCode(200).header("per-page", "4").body("", hasSize(4));
        // A Link is followed as it is: it is already encoded (RestAssured would encode its % again).
        Response second = supervisor().urlEncodingEnabled(false).get(nextLink(first));
        second.then().statusCode(200).body("", hasSize(2));
        List<Integer> seen = new ArrayList<>(first.jsonPath().getList("id"));
        seen.addAll(second.jsonPath().getList("id"));
        assertThat(seen).containsExactlyInAnyOrder(501, 601, 602, 603, 604, 605);
        Response idle = supervisor().urlEncodingEnabled(false).get(nextLink(second));
        idle.then().statusCode(200).body("", hasSize(0)).header("total", "0");

        // A late event from the past does not move updated_at, but it is a change: the tail must show it.
        Instant past = Instant.parse("2026-11-21T11:00:00Z");
        EventEnvelope late = TestEnvelopes.of(new CallEvents.VoicemailRecorded(601, "https://media.test/vm/601", 5_000, past))
                .partner(PARTNER).aggregate(CallEvents.AGGREGATE_TYPE, 601).sequence(3).at(past).build();
        try (EventFeed feed = new EventFeed()) {
            feed.send(List.of(late));
        }
        String tail = nextLink(idle);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> supervisor().urlEncodingEnabled(false).get(tail).then().statusCode(200)
                .body("id", contains(601))
                .body("[0].recording_url", equalTo("https://media.test/vm/601"))
                .body("[0].updated_at", equalTo("2026-11-21T11:10:21.000Z")));
        supervisor().queryParam("cursor", "x").get(BASE + "/calls").then().statusCode(400)
                .body(containsString("cursor"));
    }

    @Test
    void timesCanBeRenderedAndFilteredInAnIanaTimeZone() {
        supervisor().queryParam("time_zone", "America/New_York").get(BASE + "/calls/" + Scenario.CALL_ID)
                .then().statusCode(200)
                .body("created_at", equalTo("2026-11-21T05:00:00.000-05:00"))
                .body("participants[0].connected_at", equalTo("2026-11-21T05:00:00.000-05:00"));
        supervisor().queryParam("time_zone", "Europe/Berlin").queryParam("updated_at[from]", "2026-11-21T12:00:00")
                .queryParam("updated_at[to]", "2026-11-21T12:59:59").get(BASE + "/calls").then().statusCode(200)
                .body("id", contains(601, 602, 603, 604, 605))
                .body("[0].created_at", equalTo("2026-11-21T12:10:01.000+01:00"));
        supervisor().queryParam("time_zone", "Mars/Olympus").get(BASE + "/calls").then().statusCode(400)
                .body(containsString("time_zone"));
    }

    @Test
    void listsFilterByTeamAndStatus() {
        // Team 12 (East Coast) = agents 102 and 103; call 501 was handled by 101 (team 11).
        supervisor().queryParam("team_id[]", 12).get(BASE + "/agents").then().statusCode(200)
                .body("id", contains(102, 103));
        supervisor().queryParam("team_id[]", 11).queryParam("id[]", 501).get(BASE + "/calls").then().statusCode(200)
                .body("id", contains(501));
        supervisor().queryParam("team_id[]", 12).queryParam("id[]", 501).get(BASE + "/calls").then().statusCode(200)
                .header("total", "0");
        supervisor().queryParam("team_id[]", 11).queryParam("id[]", Scenario.CHAT_ID).get(BASE + "/chats")
                .then().statusCode(200).body("id", contains(701));
        supervisor().queryParam("status[]", "break").get(BASE + "/agent_activity_logs").then().statusCode(200)
                .body("agent_id", contains(101)).body("reason", contains("coffee"));
        supervisor().queryParam("status[]", "AVAILABLE").get(BASE + "/agents").then().statusCode(200)
                .body("id", contains(101, 102));
        supervisor().queryParam("status[]", "finished").queryParam("call_type[]", "Voice Inbound (IVR)")
                .get(BASE + "/calls").then().statusCode(200).body("id", contains(501));
    }
}
