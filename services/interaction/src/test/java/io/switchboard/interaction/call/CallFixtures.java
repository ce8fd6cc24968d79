package io.switchboard.interaction.call;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/** What the call API tests share: tokens, making calls, reporting steps and reading the event store. */
final class CallFixtures {
    static final String PROBLEM = "application/problem+json";
    static final String CALLS = "/apps/api/v1/calls";
    static final String ACME_AGENT = TestTokens.bearer("acme", "agent");
    static final String ACME_SYSTEM = TestTokens.bearer("acme", "system");
    static final String GLOBEX_AGENT = TestTokens.bearer("globex", "agent");
    static final String GLOBEX_SYSTEM = TestTokens.bearer("globex", "system");
    static final String INBOUND = "{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 7}";

    private CallFixtures() {
    }

    static int newCall(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(CALLS).then().statusCode(201).extract().path("id");
    }

    static int newInboundCall(String token) {
        return newCall(token, INBOUND);
    }

    static ValidatableResponse step(String token, int callId, String step, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(CALLS + "/" + callId + "/events/" + step).then();
    }

    /** A queued inbound call of acme, rung and connected to agent 21. */
    static int connectedCall() {
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "connecting", "{\"agent_id\": 21}").statusCode(200);
        step(ACME_SYSTEM, id, "connected", "{}").statusCode(200);
        return id;
    }

    static List<String> eventTypes(Pool pool, long callId) {
        List<String> types = new ArrayList<>();
        pool.preparedQuery("SELECT event_type FROM event_store WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of("call-" + callId)).await().indefinitely().forEach(row -> types.add(row.getString(0)));
        return types;
    }

    /** The events' payload data (JSON text) of one type, in order. */
    static List<io.vertx.core.json.JsonObject> events(Pool pool, long callId, String type) {
        List<io.vertx.core.json.JsonObject> data = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        SELECT payload->'data' AS data, stream_type, partner_id FROM event_store
                        WHERE stream_id = $1 AND event_type = $2 ORDER BY version""")
                .execute(Tuple.of("call-" + callId, type)).await().indefinitely()) {
            io.vertx.core.json.JsonObject json = (io.vertx.core.json.JsonObject) row.getValue("data");
            data.add(json.copy().put("_stream_type", row.getString("stream_type")).put("_partner_id", row.getString("partner_id")));
        }
        return data;
    }
}
