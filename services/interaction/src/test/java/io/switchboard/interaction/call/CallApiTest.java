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
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.call.CallFixtures.ACME_AGENT;
import static io.switchboard.interaction.call.CallFixtures.ACME_SYSTEM;
import static io.switchboard.interaction.call.CallFixtures.ANN_AGENT;
import static io.switchboard.interaction.call.CallFixtures.CALLS;
import static io.switchboard.interaction.call.CallFixtures.GLOBEX_AGENT;
import static io.switchboard.interaction.call.CallFixtures.INBOUND;
import static io.switchboard.interaction.call.CallFixtures.PROBLEM;
import static io.switchboard.interaction.call.CallFixtures.connectedCall;
import static io.switchboard.interaction.call.CallFixtures.eventTypes;
import static io.switchboard.interaction.call.CallFixtures.events;
import static io.switchboard.interaction.call.CallFixtures.newCall;
import static io.switchboard.interaction.call.CallFixtures.newInboundCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Create, read, customer flags and third-party dialling on /apps/api/v1/calls. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class CallApiTest {
    private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final String[] CALL_KEYS = {"id", "parent_id", "lang", "call_type", "status", "created_at",
            "queued_at", "assigned_at", "connected_at", "ends_at", "scheduled_at", "wait_duration", "call_duration",
            "hold_duration", "rating", "has_feedback", "voip_provider", "out_ticket_id", "out_ticket_url", "verified",
            "recording_url", "recording_permission", "voicemail_reason", "deflection", "disconnected_by", "fail_reason",
            "fail_details", "support_number", "selected_menu", "menu_path", "agent_info", "end_user", "photos", "videos",
            "transfers", "deflection_details", "participants", "offer_type", "offer_events", "answer_type",
            "outbound_number", "connecting_at", "interaction_unique_id"};

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @BeforeEach
    void directory() {
        CallFixtures.directory(store);
    }

    @Test
    void anInboundCallHasTheCallObjectShapeAndReadsBack() {
        int id = given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON)
                .body("""
                        {"call_type": "Voice Inbound (API)", "lang": "en", "end_user_number": "1-800-123-4567,959595",
                         "menu_id": 900007, "recording_permission": "recording_permission_granted",
                         "outbound_number": "+1 555 0199"}""")
                .when().post(CALLS)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/apps/api/v1/calls/[0-9]+$"))
                .body("keySet()", containsInAnyOrder(CALL_KEYS))
                .body("status", equalTo("queued"), "call_type", equalTo("Voice Inbound (API)"), "lang", equalTo("en"),
                        "interaction_unique_id", equalTo("959595"), "end_user.identifier", equalTo("1-800-123-4567"),
                        "end_user.keySet()", containsInAnyOrder("id", "identifier", "out_contact_id"),
                        "selected_menu.id", equalTo(900007),
                        "selected_menu.keySet()", containsInAnyOrder("id", "name", "parent_id", "position", "deleted",
                                "hidden", "menu_type", "output_msg"),
                        "recording_permission", equalTo("granted"), "created_at", matchesPattern(MILLIS),
                        "queued_at", matchesPattern(MILLIS), "connected_at", nullValue(), "ends_at", nullValue(),
                        "wait_duration", equalTo(0), "call_duration", equalTo(0), "hold_duration", equalTo(0),
                        "has_feedback", equalTo(false), "verified", equalTo(false), "voicemail_reason", equalTo("not_voicemail"),
                        "deflection", equalTo("no_deflection"), "disconnected_by", equalTo("disconnected_by_unknown"),
                        "fail_reason", equalTo("nothing"), "photos", empty(), "transfers", empty(), "agent_info", nullValue(),
                        "outbound_number", equalTo("+1 555 0199"),
                        "participants.size()", equalTo(1), "participants[0].type", equalTo("end_user"),
                        "participants[0].status", equalTo("waiting"),
                        "participants[0].keySet()", containsInAnyOrder("id", "type", "status", "call_id", "user_id",
                                "end_user_id", "call_duration", "hold_duration", "connected_at", "ended_at", "fail_reason"))
                .extract().path("id");

        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id)
                .then().statusCode(200).body("keySet()", containsInAnyOrder(CALL_KEYS))
                .body("id", equalTo(id), "status", equalTo("queued"), "participants[0].call_id", equalTo(id));
        assertThat(eventTypes(pool, id)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued");
        JsonObject created = events(pool, id, "CallCreated").get(0);
        assertThat(created.getString("_stream_type")).isEqualTo("call");
        assertThat(created.getString("_partner_id")).isEqualTo("acme");
        assertThat(created.getString("interactionUniqueId")).isEqualTo("959595");
        assertThat(created.getString("createdAt")).isNotNull();
        assertThat(events(pool, id, "CallQueued").get(0).getString("queuedAt")).isEqualTo(created.getString("createdAt"));
    }

    @Test
    void anOutboundCallIsAssignedWithTwoWaitingParticipants() {
        given().auth().oauth2(ANN_AGENT).contentType(ContentType.JSON)
                .body("""
                        {"call_type": "OutboundCall", "agent_email": "ann@example.com", "agent_id": 900021,
                         "end_user_number": "+1 555 0100"}""")
                .when().post(CALLS)
                .then().statusCode(201)
                .body("status", equalTo("assigned"), "call_type", equalTo("Voice Outbound (API)"),
                        "assigned_at", matchesPattern(MILLIS), "queued_at", nullValue(), "agent_info.id", equalTo(900021),
                        "agent_info.keySet()", containsInAnyOrder("id", "name", "first_name", "last_name", "agent_number", "avatar_url"),
                        "participants.type", org.hamcrest.Matchers.contains("agent", "end_user"),
                        "participants.status", org.hamcrest.Matchers.contains("waiting", "waiting"),
                        "participants[0].user_id", equalTo(900021));
    }

    @Test
    void aScheduledCallFollowsUpAnEarlierOne() {
        int parent = newInboundCall(ACME_AGENT);
        String at = Instant.now().plusSeconds(3600).toString();
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON)
                .body("{\"call_type\": \"Voice Scheduled (API)\", \"end_user_number\": \"+1 555 0100\", \"call_id\": "
                        + parent + ", \"scheduled_at\": \"" + at + "\"}")
                .when().post(CALLS)
                .then().statusCode(201)
                .body("status", equalTo("queued"), "parent_id", equalTo(parent), "scheduled_at", matchesPattern(MILLIS),
                        "queued_at", nullValue(), "selected_menu", nullValue());
    }

    @Test
    void aVoicemailCallIsCreatedRecording() {
        int id = newCall(ACME_SYSTEM, "{\"call_type\": \"Voicemail\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007}");
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id)
                .then().statusCode(200).body("status", equalTo("voicemail"), "call_type", equalTo("Voice Voicemail (API)"));
    }

    @Test
    void validationErrorsCarryTheContractsMessagesAndWriteNothing() {
        long before = callEvents();
        expect400("{\"call_type\": \"Fax\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007}", "call_type", "Invalid call type");
        expect400("{\"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007}", "call_type", "Missing parameter");
        expect400("{\"call_type\": \"IncomingCall\", \"menu_id\": 900007}", "end_user_number", "end_user_number is required");
        expect400("{\"call_type\": \"IncomingCall\", \"end_user_number\": \"call me\", \"menu_id\": 900007}", "end_user_number",
                "end_user_number is not well formed");
        expect400("{\"call_type\": \"IncomingCall\", \"end_user_number\": \"+1 555 0100\"}", "menu_id", "menu_id is required");
        expect400("{\"call_type\": \"IncomingCall\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": \"seven\"}", "menu_id",
                "menu_id is not well formed");
        expect400("{\"call_type\": \"IncomingCall\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007, \"lang\": \"zz\"}",
                "lang", "Language 'zz' is not found");
        expect400("{\"call_type\": \"ScheduledCall\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007}", "scheduled_at",
                "scheduled_at is required");
        expect400("{\"call_type\": \"ScheduledCall\", \"end_user_number\": \"+1 555 0100\", \"call_id\": 999999999, "
                + "\"scheduled_at\": \"2099-01-01T00:00:00Z\"}", "call_id", "call_id 999999999 is not found");
        expect400("{\"call_type\": \"OutboundCall\", \"end_user_number\": \"+1 555 0100\"}", "agent_email", "Agent email required");
        expect400("{\"call_type\": \"OutboundCall\", \"agent_email\": \"ann\", \"end_user_number\": \"+1 555 0100\"}",
                "agent_email", "Not a valid agent email");
        expect400("{\"call_type\": \"OutboundCall\", \"agent_email\": \"ann@example.com\"}", "end_user_number",
                "ticket_id or end_user_number required");
        expect400("{\"call_type\": \"OutboundCall\", \"agent_email\": \"ann@example.com\", \"end_user_number\": \"x\"}",
                "end_user_number", "end_user_number is not well-formed");
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON).body("{\"call_type\": \"IncomingCall\", \"scheduled_at\": \"soon\"}")
                .when().post(CALLS).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("scheduled_at"));
        assertThat(callEvents()).isEqualTo(before);
    }

    @Test
    void authenticationRolesAndPartners() {
        int id = newInboundCall(ACME_AGENT);
        given().when().get(CALLS + "/" + id).then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(INBOUND).when().post(CALLS).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer("acme", "viewer")).contentType(ContentType.JSON).body(INBOUND)
                .when().post(CALLS).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer("acme", "viewer")).when().get(CALLS + "/" + id + "/customer_flag")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(GLOBEX_AGENT).when().get(CALLS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(GLOBEX_AGENT).when().get(CALLS + "/" + id + "/customer_flag").then().statusCode(404);
        given().auth().oauth2(GLOBEX_AGENT).contentType(ContentType.JSON).body("{\"bad_actor\": true}")
                .when().patch(CALLS + "/" + id + "/customer_flag").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/999999999").then().statusCode(404).contentType(PROBLEM);
        assertThat(eventTypes(pool, id)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued");
    }

    @Test
    void customerFlagsAcceptBothSpellingsAndAnswerTheSingularOne() {
        int id = newInboundCall(ACME_AGENT);
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id + "/customer_flag")
                .then().statusCode(200)
                .body("keySet()", containsInAnyOrder("verified_customer", "bad_actor", "repeat_customer"))
                .body("verified_customer", equalTo(false), "bad_actor", equalTo(false), "repeat_customer", equalTo(false));
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON)
                .body("{\"verified_customer\": true, \"repeat_customers\": true}")
                .when().patch(CALLS + "/" + id + "/customer_flag")
                .then().statusCode(200).body("verified_customer", equalTo(true), "bad_actor", equalTo(false),
                        "repeat_customer", equalTo(true));
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON).body("{\"repeat_customer\": false}")
                .when().patch(CALLS + "/" + id + "/customer_flag")
                .then().statusCode(200).body("repeat_customer", equalTo(false), "verified_customer", equalTo(true));
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id)
                .then().body("verified", equalTo(true));
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON).body("{}")
                .when().patch(CALLS + "/" + id + "/customer_flag")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        List<JsonObject> updates = events(pool, id, "CallCustomerFlagsUpdated");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).getBoolean("verifiedCustomer")).isTrue();
        assertThat(updates.get(1).getBoolean("repeatCustomer")).isFalse();
    }

    @Test
    void aThirdPartyIsDialledIntoAConnectedCall() {
        int id = connectedCall();
        int participant = given().auth().oauth2(ANN_AGENT).contentType(ContentType.JSON)
                .body("{\"agent_email\": \"ann@example.com\", \"outbound_number\": \"+1 555 0199\", \"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + id + "/dial")
                .then().statusCode(200)
                .body("keySet()", containsInAnyOrder("message", "participant"))
                .body("message", equalTo("Third party dialing initiated"),
                        "participant.keySet()", containsInAnyOrder("id", "type", "status"),
                        "participant.type", equalTo("third_party"), "participant.status", equalTo("dialing"),
                        "participant.id", notNullValue())
                .extract().path("participant.id");
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id)
                .then().body("participants.find { it.id == " + participant + " }.status", equalTo("dialing"));
        assertThat(events(pool, id, "ParticipantAdded")).extracting(e -> e.getString("participantType"))
                .containsExactly("end_user", "third_party");

        int queued = newInboundCall(ACME_AGENT);
        long before = eventTypes(pool, queued).size();
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON).body("{\"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + queued + "/dial")
                .then().statusCode(409).contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString("current status: queued"));
        given().auth().oauth2(ACME_AGENT).contentType(ContentType.JSON).body("{\"phone_number\": \"nope\"}")
                .when().put(CALLS + "/add/" + id + "/dial")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("phone_number"));
        given().auth().oauth2(GLOBEX_AGENT).contentType(ContentType.JSON).body("{\"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + id + "/dial").then().statusCode(404).contentType(PROBLEM);
        assertThat(eventTypes(pool, queued)).hasSize((int) before);
    }

    /** Validation as the Apps API words it; asked by the partner's system, which may name any of its agents. */
    private void expect400(String body, String field, String message) {
        given().auth().oauth2(ACME_SYSTEM).contentType(ContentType.JSON).body(body)
                .when().post(CALLS)
                .then().statusCode(400).contentType(PROBLEM)
                .body("message", equalTo(message), "errors[0].field", equalTo(field), "status", equalTo(400));
    }

    private long callEvents() {
        return pool.query("SELECT count(*) FROM event_store WHERE stream_type = 'call'").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
