package io.switchboard.reporting.api;

import io.switchboard.reporting.AppliedEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Replays what an existing, unmodified Manager API extractor (the open-source Singer tap of the vendor's
 * API) sends, as docs/api/manager.md#extractor-behaviour lists it: HTTP Basic on every request, the
 * credential check {@code GET settings/organization}, each stream's tailing query with its own bookmark
 * field and the brackets sent unencoded, {@code Accept: application/vnd.json} on data requests, whole reads
 * of menus, teams, user statuses and both trees, {@code Link rel="next"} followed only when it is
 * {@code https://} (the service sits behind a TLS-terminating gateway here: the public base URL is
 * configured), {@code total} read, and {@code error}/{@code message}/{@code status} on 401/403/404.
 */
@QuarkusTest
@TestProfile(ManagerApiExtractorTest.BehindTls.class)
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ManagerApiExtractorTest {
    static final String PUBLIC = "https://acme.switchboard.example/";
    static final String API = "manager/api/v1/";
    static final String PARTNER = "tap-" + UUID.randomUUID().toString().substring(0, 8);
    static final int CALLS = 150;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static List<EventEnvelope> fed;

    public static class BehindTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.public-base-url", PUBLIC);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private String token;

    @BeforeEach
    void feedOnceAndIssueACredential() throws SQLException {
        synchronized (ManagerApiExtractorTest.class) {
            if (fed == null) {
                List<EventEnvelope> all = new ArrayList<>(Scenario.of(PARTNER));
                all.addAll(manyCalls(PARTNER));
                all.add(organization(PARTNER, new OrganizationUpdated("Acme Corp", "America/New_York", "en-US",
                        List.of(), null, Instant.parse("2026-11-20T08:00:00.000Z"))));
                try (EventFeed feed = new EventFeed()) {
                    feed.send(all);
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> appliedCount(PARTNER) >= all.size());
                fed = all;
            }
        }
        token = issue(PARTNER, "supervisor");
    }

    /** The partner's admin issues the extractor's credentials (`POST /admin/api-credentials`). */
    private static String issue(String partner, String role) {
        return given().auth().oauth2(TestTokens.bearer(partner, "admin")).contentType(ContentType.JSON)
                .body("{\"name\": \"tap\", \"roles\": [\"" + role + "\"]}")
                .when().post("/admin/api-credentials")
                .then().statusCode(201).extract().path("token");
    }

    /** A request as the tap sends it: Basic on every request, nothing re-encoded. */
    private RequestSpecification tap(String accept) {
        return given().auth().preemptive().basic(PARTNER, token).accept(accept).urlEncodingEnabled(false);
    }

    @Test
    void theCredentialCheckAnswersTheOrganizationOr401() {
        tap("application/json").when().get("/" + API + "settings/organization")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(PARTNER), "name", equalTo("Acme Corp"), "subdomain", equalTo(PARTNER),
                        "time_zone", equalTo("America/New_York"), "language", equalTo("en-US"),
                        "updated_at", equalTo("2026-11-20T08:00:00.000Z"));

        // A partner that never set its settings still passes the check, with the defaults.
        String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().preemptive().basic(fresh, issue(fresh, "supervisor")).accept("application/json")
                .when().get("/" + API + "settings/organization")
                .then().statusCode(200)
                .body("id", equalTo(fresh), "name", equalTo(fresh), "time_zone", equalTo("UTC"), "language", equalTo("en"));

        // A bearer token with a Manager API role reads it too; an agent's does not.
        given().auth().oauth2(TestTokens.bearer(PARTNER, "supervisor")).when().get("/" + API + "settings/organization")
                .then().statusCode(200).body("name", equalTo("Acme Corp"));
        given().auth().oauth2(TestTokens.bearer(PARTNER, "agent")).when().get("/" + API + "settings/organization")
                .then().statusCode(403);

        given().auth().preemptive().basic(PARTNER, token + "x").accept("application/json")
                .when().get("/" + API + "settings/organization")
                .then().statusCode(401).body("status", equalTo(401), "error", notNullValue(), "message", notNullValue());
        given().accept("application/json").when().get("/" + API + "settings/organization").then().statusCode(401);
    }

    @Test
    void everyStreamIsTailedByItsBookmarkFollowingHttpsNextLinksUntilTheEnd() throws SQLException {
        Map<String, String> bookmarks = Map.of("agents", "status_updated_at", "agent_activity_logs", "started_at",
                "calls", "updated_at", "chats", "updated_at");
        for (var stream : bookmarks.entrySet()) {
            String field = stream.getValue();
            String first = API + stream.getKey() + "?" + field + "[from]=2000-01-01T00:00:00Z&sort_column=" + field
                    + "&sort_direction=ASC&page=1&per=100";
            List<Map<String, Object>> rows = new ArrayList<>();
            Long total = null;
            int pages = 0;
            for (String url = PUBLIC + first; url != null; pages++) {
                assertThat(url).as("a Link the tap follows").startsWith(PUBLIC);
                Response page = tap("application/vnd.json").when().get("/" + url.substring(PUBLIC.length()));
                page.then().statusCode(200).contentType(ContentType.JSON);
                rows.addAll(page.jsonPath().getList("$"));
                total = total == null ? Long.valueOf(page.header("total")) : total;
                url = next(page.header("Link"));
                assertThat(pages).as("pages of %s", stream.getKey()).isLessThan(10);
            }
            assertThat(rows).as("%s: every row once", stream.getKey()).hasSize(total.intValue());
            assertThat(rows).as("%s has rows", stream.getKey()).isNotEmpty();
            List<String> bookmarkValues = rows.stream().map(r -> (String) r.get(field)).toList();
            assertThat(bookmarkValues).as("%s ascending by %s", stream.getKey(), field)
                    .isSortedAccordingTo(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            if (stream.getKey().equals("calls")) {
                assertThat(total).isEqualTo(CALLS + 1L);
                assertThat(pages).isEqualTo(2);
            }
        }
    }

    @Test
    void directoryStreamsAreReadWhole() {
        for (String path : new String[]{"menus", "teams", "user_statuses"}) {
            Response answer = tap("application/vnd.json").when().get("/" + API + path);
            answer.then().statusCode(200).contentType(ContentType.JSON);
            assertThat(answer.jsonPath().getList("$")).as(path).isNotEmpty();
        }
        tap("application/vnd.json").when().get("/" + API + "teams/tree")
                .then().statusCode(200).body("find { it.id == 11 }.children.id", org.hamcrest.Matchers.contains(12));
        tap("application/vnd.json").when().get("/" + API + "menus/tree")
                .then().statusCode(200).body("find { it.id == 31 }.children.id", org.hamcrest.Matchers.contains(32));
    }

    @Test
    void errorsCarryErrorMessageAndStatus() {
        tap("application/vnd.json").when().get("/" + API + "calls/987654321")
                .then().statusCode(404).body("status", equalTo(404), "error", notNullValue(), "message", notNullValue());
        given().auth().preemptive().basic(PARTNER, issue(PARTNER, "agent")).accept("application/vnd.json")
                .when().get("/" + API + "calls")
                .then().statusCode(403).body("status", equalTo(403), "error", notNullValue(), "message", notNullValue());
        given().auth().preemptive().basic(PARTNER, "sb_1_" + "A".repeat(43)).accept("application/vnd.json")
                .when().get("/" + API + "calls")
                .then().statusCode(401).body("status", equalTo(401), "error", notNullValue(), "message", notNullValue());
    }

    private static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        return next.find() ? next.group(1) : null;
    }

    /** Calls 1001.. abandoned in the IVR, a minute apart: more than one page of the tap's 100. */
    static List<EventEnvelope> manyCalls(String partner) {
        List<EventEnvelope> calls = new ArrayList<>();
        for (long id = 1001; id < 1001 + CALLS; id++) {
            Instant created = Instant.parse("2026-11-21T12:00:00Z").plusSeconds(60 * (id - 1001));
            calls.add(ManagerApiTest.envelope(partner, id, 1, new io.switchboard.events.interaction.CallEvents.CallCreated(
                    id, "Voice Inbound (IVR)", "selecting", 31L, "en", "+1555" + id, null, null, null, null, "not_asked",
                    null, created)));
            calls.add(ManagerApiTest.envelope(partner, id, 2, new io.switchboard.events.interaction.CallEvents.CallEnded(
                    id, "failed", "disconnected_by_end_user", "eu_in_menu_abandoned", 0, 0, created.plusSeconds(20))));
        }
        return calls;
    }

    static EventEnvelope organization(String partner, DomainEvent data) {
        return TestEnvelopes.of(data).partner(partner).aggregate(DirectoryEvents.ORGANIZATION, partner).sequence(1)
                .at(Instant.parse("2026-11-20T08:00:00.000Z")).build();
    }

    long appliedCount(String partner) throws SQLException {
        return AppliedEvents.count(dataSource, partner);
    }
}
