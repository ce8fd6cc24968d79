package io.switchboard.interaction.directory;

import io.restassured.http.ContentType;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the directory and agent-status tests share: tokens, making entities, reading the event store. */
public final class DirectoryFixtures {
    public static final String PROBLEM = "application/problem+json";
    public static final String BASE = "/manager/api/v1";

    private DirectoryFixtures() {
    }

    /** A fresh partner per test keeps tests independent on the shared database. */
    public static String newPartner() {
        return "p-" + UUID.randomUUID();
    }

    public static String admin(String partner) {
        return TestTokens.bearer(partner, "admin");
    }

    /** A supervisor whose token subject is the numeric user id {@code userId}. */
    public static String supervisor(String partner, long userId) {
        return TestTokens.token().partner(partner).roles("supervisor").subject(Long.toString(userId)).sign();
    }

    /** An agent's token naming them by the {@code agent_id} claim (none if {@code agentId} is null). */
    public static String agentToken(String partner, Long agentId, String... roles) {
        TestTokens.Builder token = TestTokens.token().partner(partner).roles(roles);
        return (agentId == null ? token : token.agentId(agentId)).sign();
    }

    public static int newTeam(String token, String name, Integer parentId) {
        String parent = parentId == null ? "null" : parentId.toString();
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"parent_id\": " + parent + "}")
                .when().post(BASE + "/teams").then().statusCode(201).extract().path("id");
    }

    public static int newAgent(String token, String firstName, int... teamIds) {
        StringBuilder teams = new StringBuilder();
        for (int id : teamIds) {
            teams.append(teams.isEmpty() ? "" : ", ").append("{\"id\": ").append(id).append('}');
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"first_name\": \"" + firstName + "\", \"last_name\": \"Lee\", \"email\": \""
                        + firstName.toLowerCase() + "@example.com\", \"teams\": [" + teams + "]}")
                .when().post(BASE + "/agents").then().statusCode(201).extract().path("id");
    }

    public static int newVirtualAgent(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .when().post(BASE + "/virtual_agents").then().statusCode(201).extract().path("id");
    }

    /** The stream's events as stored: type, stream type, partner and the envelope's data. */
    public record Stored(String type, String streamType, String partnerId, io.vertx.core.json.JsonObject data) {
    }

    public static List<Stored> events(Pool pool, String streamId) {
        List<Stored> events = new ArrayList<>();
        pool.preparedQuery("SELECT event_type, stream_type, partner_id, payload FROM event_store WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of(streamId)).await().indefinitely()
                .forEach((Row row) -> events.add(new Stored(row.getString(0), row.getString(1), row.getString(2),
                        row.getJsonObject(3).getJsonObject("data"))));
        return events;
    }

    public static List<String> eventTypes(Pool pool, String streamId) {
        return events(pool, streamId).stream().map(Stored::type).toList();
    }
}
