package io.switchboard.interaction.call;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
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
    static final String INBOUND = "{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": 900007}";
    /** acme's menus and agents of {@link #directory}: ids far above what the directory's sequences reach in tests. */
    static final long MENU = 900_007;
    static final long OTHER_MENU = 900_008;
    static final long ANN = 900_021;
    static final long TEAM = 900_051;
    /** Ann (agent 900021, ann@example.com) with her agent id in her token. */
    static final String ANN_AGENT = TestTokens.agent("acme", ANN, "agent");

    private CallFixtures() {
    }

    /**
     * acme's directory the call tests name: menus 900007 and 900008, team 900051, agents 900021–900023
     * (Ann is ann@example.com) and 900031–900034; globex's menu 900009. Written through the event store as
     * the directory API would (ids the API cannot choose), once.
     */
    static void directory(EventStore store) {
        Instant now = Instant.now();
        append(store, "acme", DirectoryEvents.MENU, MENU, new MenuCreated(MENU, "Support", "voice", "queue", null, List.of(), null, now));
        append(store, "acme", DirectoryEvents.MENU, OTHER_MENU, new MenuCreated(OTHER_MENU, "Billing", "voice", "queue", null,
                List.of(), null, now));
        append(store, "globex", DirectoryEvents.MENU, 900_009, new MenuCreated(900_009, "Globex line", "voice", "queue", null,
                List.of(), null, now));
        append(store, "acme", DirectoryEvents.TEAM, TEAM, new TeamCreated(TEAM, "Voice", null, now));
        for (long id : new long[]{900_021, 900_022, 900_023, 900_031, 900_032, 900_033, 900_034}) {
            String first = id == ANN ? "Ann" : "Agent" + id;
            append(store, "acme", DirectoryEvents.AGENT, id, new AgentCreated(id, first + " Lee", first, "Lee",
                    first.toLowerCase() + "@example.com", null, List.of("agent"), List.of(), now));
        }
    }

    private static void append(EventStore store, String partner, String type, long id, DomainEvent created) {
        StreamId stream = StreamId.of(type, id);
        if (store.load(partner, stream).await().indefinitely().version() == 0) {
            store.append(partner, stream, 0, List.of(created)).await().indefinitely();
        }
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

    /** A queued inbound call of acme, rung and connected to Ann (agent 900021). */
    static int connectedCall() {
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "connecting", "{\"agent_id\": 900021}").statusCode(200);
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
