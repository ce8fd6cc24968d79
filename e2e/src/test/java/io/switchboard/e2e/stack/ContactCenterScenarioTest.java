package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A morning at acme through the whole running stack — Keycloak tokens, the interaction and chat
 * services, Debezium, Kafka, the router and the reporting projections — and what the Manager API
 * reports about it afterwards, against hand-computed values.
 *
 * <p>The call: IVR 120 s, queue (the router rings the longest-idle agent, Ann) 15 s, Ann talks with two
 * holds (30 s + 20 s), transfers to Bob (who joins 10 s later: a conference of Ann and Bob), a third
 * party joins 40 s after Bob, Ann leaves 90 s after Bob joined, the third party 110 s after joining,
 * the caller hangs up at 600 s. The provider stamps every step with its own clock ({@code at}), in
 * the future of ours, so the metrics do not depend on how fast the pipeline is. The chat: the menu's
 * virtual agent takes it, it is escalated, and the router hands it to Cy. The customer's phone attaches a
 * photo to the chat and one to the call through the media service (upload form, straight upload to the
 * store, attach); the Manager API lists them with URLs that download the same bytes.
 */
@ExtendWith(LocalStack.class)
class ContactCenterScenarioTest {
    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static String admin;
    private static String telephony;
    private static String supervisor;
    private static String agent;

    @BeforeAll
    static void tokens() {
        admin = KeycloakAuthTest.token("ada.admin");
        telephony = KeycloakAuthTest.token("acme.telephony");
        supervisor = KeycloakAuthTest.token("sam.supervisor");
        agent = KeycloakAuthTest.token("ann.agent");
    }

    private static RequestSpecification as(String service, String token) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort(service)).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    private static int create(String path, Object body) {
        return as("interaction", admin).body(body).when().post("/manager/api/v1/" + path)
                .then().statusCode(201).extract().path("id");
    }

    private static void status(int agentId, String status) {
        as("interaction", admin).body(Map.of("status", status)).when().put("/manager/api/v1/agents/" + agentId + "/status")
                .then().statusCode(200).body("status", equalTo(status));
    }

    private static JsonPath step(int callId, String step, Instant start, int second, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("at", start.plusSeconds(second).toString());
        return as("interaction", telephony).body(body).when().post("/apps/api/v1/calls/" + callId + "/events/" + step)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath report(String path) {
        return as("reporting", supervisor).when().get("/manager/api/v1/" + path)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCallAndAChatReportedWithEveryMetricParticipantStatusAndChange() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        int voiceTeam = create("teams", Map.of("name", "Voice " + tag));
        int chatTeam = create("teams", Map.of("name", "Chat " + tag));
        int ann = create("agents", Map.of("first_name", "Ann", "last_name", "Agent " + tag,
                "email", "ann." + tag + "@acme.test", "teams", List.of(voiceTeam)));
        int bob = create("agents", Map.of("first_name", "Bob", "last_name", "Agent " + tag,
                "email", "bob." + tag + "@acme.test", "teams", List.of(voiceTeam)));
        int cy = create("agents", Map.of("first_name", "Cy", "last_name", "Agent " + tag,
                "email", "cy." + tag + "@acme.test", "teams", List.of(chatTeam)));
        int bot = create("virtual_agents", Map.of("name", "Botty " + tag));
        int voiceMenu = create("menus", Map.of("name", "Support line " + tag, "channel", "voice",
                "team_assignments", List.of(Map.of("team_id", voiceTeam))));
        int chatMenu = create("menus", Map.of("name", "Chat support " + tag, "channel", "chat",
                "team_assignments", List.of(Map.of("team_id", chatTeam)), "virtual_agent_id", bot));
        as("interaction", admin).body(Map.of("first_name", "Robert")).when().patch("/manager/api/v1/agents/" + bob)
                .then().statusCode(200).body("first_name", equalTo("Robert"));
        // Ann logs in first, so she has been idle the longest when the call queues.
        status(ann, "available");
        status(bob, "available");
        status(cy, "available");

        // --- the chat: bot first, then a human ---------------------------------------------------
        int chatId = ChatsOnTheStack.createOnceMenuIsKnown(agent, chatMenu, 4242, PIPELINE);
        await().atMost(PIPELINE).untilAsserted(() -> as("chat", agent).get("/apps/api/v1/chats/" + chatId)
                .then().body("status", equalTo("va_assigned"), "virtual_agent.name", equalTo("Botty " + tag),
                        "menus[0].name", equalTo("Chat support " + tag)));
        as("chat", agent).body(Map.of("reason", "by_end_user_ask", "force_escalate", true))
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations").then().statusCode(200)
                .body("status", equalTo("pending"));
        await().atMost(PIPELINE).untilAsserted(() -> as("chat", agent).get("/apps/api/v1/chats/" + chatId)
                .then().body("status", equalTo("assigned"), "agent.id", equalTo(cy),
                        "agent.name", equalTo("Cy Agent " + tag)));
        byte[] chatPng = MediaOnTheStack.png();
        long chatPhoto = MediaOnTheStack.attachPhoto(agent, "chats", chatId, chatPng, PIPELINE);

        // --- the call ----------------------------------------------------------------------------
        JsonPath created = as("interaction", telephony)
                .body(Map.of("call_type", "Voice Inbound (IVR)", "end_user_number", "+1 555 0100", "menu_id", voiceMenu))
                .when().post("/apps/api/v1/calls").then().statusCode(201).extract().jsonPath();
        int callId = created.getInt("id");
        Instant start = Instant.parse(created.getString("created_at"));
        step(callId, "queued", start, 120, Map.of());
        // The router rings Ann; the ring is stamped at the queue time, as the provider's clock is ahead of ours.
        await().atMost(PIPELINE).untilAsserted(() -> as("interaction", telephony).get("/apps/api/v1/calls/" + callId)
                .then().body("status", equalTo("connecting"), "agent_info.id", equalTo(ann)));
        byte[] callPng = MediaOnTheStack.png();
        long callPhoto = MediaOnTheStack.attachPhoto(agent, "calls", callId, callPng, PIPELINE);
        step(callId, "connected", start, 135, Map.of());
        step(callId, "hold", start, 200, Map.of());
        step(callId, "resume", start, 230, Map.of());
        step(callId, "hold", start, 300, Map.of());
        step(callId, "resume", start, 320, Map.of());
        step(callId, "transfer", start, 400, Map.of("target_type", "agent", "to_agent_id", bob));
        step(callId, "participant_joined", start, 410, Map.of("participant_type", "agent", "user_id", bob));
        JsonPath thirdParty = step(callId, "participant_joined", start, 450,
                Map.of("participant_type", "third_party", "phone_number", "+1 555 0199"));
        int thirdPartyId = thirdParty.getInt("participants.find { it.type == 'third_party' }.id");
        step(callId, "participant_left", start, 500, Map.of("user_id", ann));
        step(callId, "participant_left", start, 560, Map.of("participant_id", thirdPartyId));
        step(callId, "ended", start, 600, Map.of("disconnected_by", "disconnected_by_end_user"));

        // --- what reporting says -----------------------------------------------------------------
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(report("calls/" + callId).getString("status"))
                .isEqualTo("finished"));
        JsonPath call = report("calls/" + callId);
        assertThat(call.getDouble("billing_time")).isEqualTo(600.0);
        assertThat(call.getDouble("call_time")).isEqualTo(600.0);
        assertThat(call.getDouble("ivr_time")).isEqualTo(120.0);
        assertThat(call.getDouble("queue_time")).isEqualTo(15.0);
        assertThat(call.getDouble("wait_time")).isEqualTo(15.0);
        assertThat(call.getDouble("ring_time")).isEqualTo(15.0);
        assertThat(call.getDouble("handle_time")).isEqualTo(465.0);
        assertThat(call.getDouble("hold_time")).isEqualTo(50.0);
        assertThat(call.getDouble("talk_time")).isEqualTo(415.0);
        assertThat(call.getDouble("conference_time")).as("Ann and Bob together, 410 s → 500 s").isEqualTo(90.0);
        assertThat(call.getDouble("third_party_talk_time")).as("450 s → 560 s, Bob on the call").isEqualTo(110.0);
        assertThat(call.getList("transfers")).hasSize(1);
        assertThat(call.getDouble("transfers[0].transfer_time")).isEqualTo(10.0);
        assertThat(call.getInt("transfers[0].to_agent.id")).isEqualTo(bob);
        assertThat(call.getList("participants.type")).containsExactlyInAnyOrder("end_user", "agent", "agent", "third_party");
        assertThat(Instant.parse(call.getString("participants.find { it.type == 'third_party' }.connected_at")))
                .isEqualTo(start.plusSeconds(450));
        assertThat(Instant.parse(call.getString("participants.find { it.type == 'third_party' }.ended_at")))
                .isEqualTo(start.plusSeconds(560));

        // Ann's day as status intervals: available, then in the call, then wrap-up (the interval chain has no gaps).
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(
                report("agent_activity_logs?agent_id[]=" + ann + "&sort_column=started_at").getList("status.name", String.class))
                .map(name -> name.toLowerCase().replace('_', ' ').replace('-', ' '))
                .containsSubsequence("available", "in call", "wrap up"));
        JsonPath log = report("agent_activity_logs?agent_id[]=" + ann + "&sort_column=started_at");
        List<String> started = log.getList("started_at");
        List<String> ended = log.getList("ended_at");
        for (int i = 0; i + 1 < started.size(); i++) {
            assertThat(ended.get(i)).as("interval %d ends where the next begins", i).isEqualTo(started.get(i + 1));
        }
        assertThat(ended.get(ended.size() - 1)).as("the open interval has no end").isNull();

        JsonPath changes = report("changed_details?entity_type[]=agent&entity_id[]=" + bob + "&field[]=first_name");
        assertThat(changes.getList("former_value")).containsExactly("Bob");
        assertThat(changes.getList("new_value")).containsExactly("Robert");

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(report("chats/" + chatId).getString("status"))
                .isEqualTo("assigned"));
        JsonPath chat = report("chats/" + chatId);
        assertThat(chat.getInt("agent_info.id")).isEqualTo(cy);
        assertThat(chat.getList("participants")).hasSize(2);

        // The photos, each in its own chat or call, with a URL that downloads what the phone uploaded.
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(report("chats/" + chatId).getList("photos.id", Long.class))
                .containsExactly(chatPhoto));
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(report("calls/" + callId).getList("photos.id", Long.class))
                .containsExactly(callPhoto));
        JsonPath chatPhotos = report("chats/" + chatId);
        assertThat(chatPhotos.getString("photos[0].content_type")).isEqualTo("image/png");
        assertThat(MediaOnTheStack.download(supervisor, chatPhotos.getString("photos[0].url"))).isEqualTo(chatPng);
        assertThat(MediaOnTheStack.download(supervisor, report("calls/" + callId).getString("photos[0].url")))
                .isEqualTo(callPng);
        // The Apps API's call object lists it too (media → Debezium → the interaction service's call-media loop).
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(as("interaction", telephony).get("/apps/api/v1/calls/" + callId)
                .then().statusCode(200).extract().jsonPath().getList("photos.id", Long.class)).containsExactly(callPhoto));
        assertThat(MediaOnTheStack.download(supervisor, as("interaction", telephony).get("/apps/api/v1/calls/" + callId)
                .then().extract().jsonPath().getString("photos[0].url"))).isEqualTo(callPng);
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
