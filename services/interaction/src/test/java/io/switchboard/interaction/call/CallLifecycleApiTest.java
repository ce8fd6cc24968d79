package io.switchboard.interaction.call;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.switchboard.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.call.CallFixtures.ACME_AGENT;
import static io.switchboard.interaction.call.CallFixtures.ACME_SYSTEM;
import static io.switchboard.interaction.call.CallFixtures.CALLS;
import static io.switchboard.interaction.call.CallFixtures.GLOBEX_SYSTEM;
import static io.switchboard.interaction.call.CallFixtures.PROBLEM;
import static io.switchboard.interaction.call.CallFixtures.connectedCall;
import static io.switchboard.interaction.call.CallFixtures.eventTypes;
import static io.switchboard.interaction.call.CallFixtures.events;
import static io.switchboard.interaction.call.CallFixtures.newCall;
import static io.switchboard.interaction.call.CallFixtures.newInboundCall;
import static io.switchboard.interaction.call.CallFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The telephony provider's lifecycle steps on /apps/api/v1/calls/{id}/events/{step}. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class CallLifecycleApiTest {
    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @BeforeEach
    void directory() {
        CallFixtures.directory(store);
    }

    /** Provider timestamps, a second apart from a base in the recent past. */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);

    private static String at(int seconds) {
        return "\"at\": \"" + BASE.plusSeconds(seconds) + "\"";
    }

    @Test
    void aFullCallFromTheIvrToTheEndCarriesEveryReportingTimestamp() {
        int id = newCall(ACME_SYSTEM, "{\"call_type\": \"Voice Inbound (IVR)\", \"end_user_number\": \"+1 555 0100\", "
                + "\"dialed_number\": \"1-800-123-4567,959595\"}");
        step(ACME_SYSTEM, id, "queued", "{" + at(10) + ", \"menu_id\": 900008}").statusCode(200)
                .body("status", equalTo("queued"), "selected_menu.id", equalTo(900008));
        step(ACME_SYSTEM, id, "connecting", "{" + at(20) + ", \"agent_id\": 900021}").statusCode(200)
                .body("status", equalTo("connecting"), "agent_info.id", equalTo(900021));
        step(ACME_SYSTEM, id, "connected", "{" + at(25) + "}").statusCode(200)
                .body("status", equalTo("connected"), "wait_duration", equalTo(15));
        step(ACME_SYSTEM, id, "hold", "{" + at(30) + "}").statusCode(200);
        step(ACME_SYSTEM, id, "resume", "{" + at(40) + "}").statusCode(200).body("hold_duration", equalTo(10));
        step(ACME_SYSTEM, id, "hold", "{" + at(50) + "}").statusCode(200);
        step(ACME_SYSTEM, id, "resume", "{" + at(55) + "}").statusCode(200).body("hold_duration", equalTo(15));
        step(ACME_SYSTEM, id, "transfer", "{" + at(60) + ", \"target_type\": \"agent\", \"to_agent_id\": 900022}").statusCode(200)
                .body("transfers", hasSize(1), "transfers[0].status", equalTo("transferring"),
                        "transfers[0].from_agent.id", equalTo(900021), "transfers[0].to_agent.id", equalTo(900022));
        step(ACME_SYSTEM, id, "transfer", "{" + at(61) + ", \"target_type\": \"external\", \"to_number\": \"+44 20 7946 0000\"}")
                .statusCode(200).body("transfers", hasSize(2), "transfers[1].to_number", equalTo("+44 20 7946 0000"));
        step(ACME_SYSTEM, id, "participant_joined", "{" + at(65) + ", \"participant_type\": \"agent\", \"user_id\": 900022}")
                .statusCode(200).body("participants", hasSize(3));
        step(ACME_SYSTEM, id, "participant_left", "{" + at(70) + ", \"user_id\": 900021}").statusCode(200);
        step(ACME_SYSTEM, id, "ended", "{" + at(85) + ", \"disconnected_by\": \"disconnected_by_end_user\"}").statusCode(200)
                .body("status", equalTo("finished"), "ends_at", equalTo(millis(85)), "call_duration", equalTo(60),
                        "hold_duration", equalTo(15), "disconnected_by", equalTo("disconnected_by_end_user"),
                        "fail_reason", equalTo("nothing"), "interaction_unique_id", equalTo("959595"),
                        "support_number", equalTo("1-800-123-4567"), "queued_at", equalTo(millis(10)),
                        "connecting_at", equalTo(millis(20)), "connected_at", equalTo(millis(25)),
                        "participants.type", contains("end_user", "agent", "agent"),
                        "participants.connected_at", contains(millis(25), millis(25), millis(65)),
                        "participants.ended_at", contains(millis(85), millis(70), millis(85)),
                        "participants.status", contains("finished", "finished", "finished"));

        assertThat(eventTypes(pool, id)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued", "CallConnecting",
                "CallConnected", "ParticipantJoined", "ParticipantJoined", "CallHeld", "CallResumed", "CallHeld",
                "CallResumed", "TransferStarted", "TransferStarted", "ParticipantJoined", "ParticipantLeft",
                "ParticipantLeft", "ParticipantLeft", "CallEnded");
        assertThat(events(pool, id, "CallQueued").get(0).getString("queuedAt")).isEqualTo(stored(10));
        assertThat(events(pool, id, "CallConnecting").get(0).getString("connectingAt")).isEqualTo(stored(20));
        assertThat(events(pool, id, "CallConnected").get(0).getString("connectedAt")).isEqualTo(stored(25));
        assertThat(events(pool, id, "TransferStarted")).extracting(e -> e.getString("createdAt"))
                .containsExactly(stored(60), stored(61));
        assertThat(events(pool, id, "CallResumed")).extracting(e -> e.getLong("holdDurationMillis")).containsExactly(10_000L, 15_000L);
        JsonObject ended = events(pool, id, "CallEnded").get(0);
        assertThat(ended.getString("endedAt")).isEqualTo(stored(85));
        assertThat(ended.getLong("durationMillis")).isEqualTo(60_000L);
        assertThat(ended.getLong("holdDurationMillis")).isEqualTo(15_000L);
        assertThat(ended.getString("_partner_id")).isEqualTo("acme");
    }

    @Test
    void aCallerWhoGivesUpInTheQueueFails() {
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "ended", "{\"fail_reason\": \"eu_abandoned\", \"disconnected_by\": \"disconnected_by_end_user\"}")
                .statusCode(200).body("status", equalTo("failed"), "fail_reason", equalTo("eu_abandoned"),
                        "connected_at", nullValue(), "participants[0].status", equalTo("failed"),
                        "participants[0].fail_reason", equalTo("eu_abandoned"));
    }

    @Test
    void aCallerLeavesAVoicemail() {
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "voicemail", "{\"recording_url\": \"https://media.example.com/vm/1.wav\", \"duration\": 42}")
                .statusCode(200).body("status", equalTo("voicemail_received"),
                        "recording_url", equalTo("https://media.example.com/vm/1.wav"), "voicemail_reason", equalTo("voicemail"));
        JsonObject recorded = events(pool, id, "VoicemailRecorded").get(0);
        assertThat(recorded.getLong("durationMillis")).isEqualTo(42_000L);
        assertThat(eventTypes(pool, id)).endsWith("CallQueued", "VoicemailRecorded", "CallEnded");
    }

    @Test
    void impossibleStepsAre409NamingTheStatusAndWriteNothing() {
        int queued = newInboundCall(ACME_AGENT);
        expectConflict(queued, "connected", "{}", "queued");
        expectConflict(queued, "hold", "{}", "queued");
        int connected = connectedCall();
        expectConflict(connected, "resume", "{}", "connected");
        expectConflict(connected, "participant_left", "{\"participant_id\": 424242}", "connected");
        step(ACME_SYSTEM, connected, "ended", "{}").statusCode(200);
        expectConflict(connected, "hold", "{}", "finished");
        expectConflict(connected, "ended", "{}", "finished");
    }

    @Test
    void aTimestampBeforeThePreviousStepIs400NamingTheField() {
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "connecting", "{" + at(20) + ", \"agent_id\": 900021}").statusCode(200);
        int before = eventTypes(pool, id).size();
        step(ACME_SYSTEM, id, "connected", "{" + at(19) + "}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("at"), "detail", containsString("earlier than the previous step"));
        step(ACME_SYSTEM, id, "connected", "{\"at\": \"yesterday\"}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("at"));
        step(ACME_SYSTEM, id, "ended", "{\"fail_reason\": \"bored\"}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("fail_reason"));
        assertThat(eventTypes(pool, id)).hasSize(before);
    }

    @Test
    void stepsAreForTheTelephonyIntegrationOfTheCallsPartner() {
        int id = newInboundCall(ACME_AGENT);
        given().contentType(ContentType.JSON).body("{}").when().post(CALLS + "/" + id + "/events/hold")
                .then().statusCode(401).contentType(PROBLEM);
        step(ACME_AGENT, id, "connecting", "{\"agent_id\": 900021}").statusCode(403).contentType(PROBLEM);
        step(TestTokens.bearer("acme", "admin"), id, "connecting", "{\"agent_id\": 900021}").statusCode(403);
        step(GLOBEX_SYSTEM, id, "connecting", "{\"agent_id\": 900021}").statusCode(404).contentType(PROBLEM);
        step(ACME_SYSTEM, id, "teleport", "{}").statusCode(404).contentType(PROBLEM);
        assertThat(eventTypes(pool, id)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued");
    }

    @Test
    void threeOverlappingAgentsAndAThirdPartyInOneCall() {
        int id = connectedCall();
        step(ACME_SYSTEM, id, "participant_joined", "{\"participant_type\": \"agent\", \"user_id\": 900022}").statusCode(200);
        step(ACME_SYSTEM, id, "participant_joined", "{\"participant_type\": \"agent\", \"user_id\": 900023}").statusCode(200);
        step(ACME_SYSTEM, id, "participant_joined", "{\"participant_type\": \"third_party\", \"phone_number\": \"+1 555 0123\"}")
                .statusCode(200);
        step(ACME_SYSTEM, id, "participant_joined", "{\"participant_type\": \"agent\", \"user_id\": 900022}")
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("already on the call"));
        List<JsonObject> joined = events(pool, id, "ParticipantJoined");
        assertThat(joined).extracting(e -> e.getString("participantType"))
                .containsExactly("end_user", "agent", "agent", "agent", "third_party");
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id).then()
                .body("participants.findAll { it.status == 'connected' }", hasSize(5));
    }

    @Test
    void aStepNeedsNoBody() {
        int id = connectedCall();
        given().auth().oauth2(ACME_SYSTEM).when().post(CALLS + "/" + id + "/events/hold")
                .then().statusCode(200).body("status", equalTo("connected"));
        assertThat(eventTypes(pool, id)).endsWith("CallHeld");
    }

    @Test
    void stepsReportedAtTheSameTimeAreAllApplied() throws Exception {
        int id = connectedCall();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int agent = 900031; agent <= 900034; agent++) {
                String body = "{\"participant_type\": \"agent\", \"user_id\": " + agent + "}";
                answers.add(executor.submit(() -> step(ACME_SYSTEM, id, "participant_joined", body).extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            executor.shutdown();
        }
        assertThat(events(pool, id, "ParticipantJoined")).extracting(e -> e.getLong("userId"))
                .contains(900031L, 900032L, 900033L, 900034L).hasSize(6);
    }

    private void expectConflict(int id, String stepName, String body, String status) {
        List<String> before = eventTypes(pool, id);
        step(ACME_SYSTEM, id, stepName, body).statusCode(409).contentType(PROBLEM)
                .body("status", equalTo(409), "detail", containsString("current status: " + status));
        assertThat(eventTypes(pool, id)).isEqualTo(before);
    }

    /** The event store's JSON writes instants with millis, like the API. */
    private static String stored(int seconds) {
        return millis(seconds);
    }

    private static String millis(int seconds) {
        return BASE.plusSeconds(seconds).toString().replace("Z", ".000Z");
    }
}
