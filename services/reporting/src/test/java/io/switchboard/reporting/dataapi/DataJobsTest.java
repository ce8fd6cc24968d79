package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.reporting.dataapi.jobs.DataJobs;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** Asynchronous jobs: submit, run page by page, progress, paged results, NDJSON/CSV files, cancel, restart, limits. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DataJobsTest {
    static final String PARTNER = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
    static final String JOBS = "/api/partners/%s/data/jobs";
    static final long AGENT = 300;
    static final int CALLS = 7;
    static final String QUERY = "query($after: String) { getConversationsByAgent(agentId: \"300\", first: 3, after: $after) {"
            + " totalCount pageInfo { hasNextPage endCursor } edges { node { conversationId channel } } } }";
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DataJobs jobs;

    @BeforeEach
    void feedOnce() {
        synchronized (DataJobsTest.class) {
            if (fed) {
                return;
            }
            List<EventEnvelope> events = new ArrayList<>();
            Instant at = Instant.parse("2026-11-20T08:00:00Z");
            for (long id = 801; id < 801 + CALLS; id++) {
                Instant created = at.plusSeconds(60 * id);
                events.add(DataFeed.event(PARTNER, CallEvents.AGGREGATE_TYPE, id, 1, new CallCreated(id, "Voice Inbound (IVR)",
                        "selecting", 31L, "en", "+15550009", null, null, null, null, "not_asked", null, created), created));
                events.add(DataFeed.event(PARTNER, CallEvents.AGGREGATE_TYPE, id, 2, new CallConnected(id, AGENT,
                        created.plusSeconds(5)), created.plusSeconds(5)));
            }
            DataFeed.sendAndAwait(dataSource, PARTNER, events);
            fed = true;
        }
    }

    static RequestSpecification as(String partner, String role) {
        return given().auth().oauth2(TestTokens.agent(partner, 900, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification supervisor() {
        return as(PARTNER, "supervisor");
    }

    static Map<String, Object> job(String query, String format) {
        return format == null ? Map.of("domain", "conversationdata", "action", "getConversationsByAgent", "query", query)
                : Map.of("domain", "conversationdata", "action", "getConversationsByAgent", "query", query, "format", format);
    }

    static String submit(String format) {
        return supervisor().body(job(QUERY, format)).post(JOBS.formatted(PARTNER)).then().statusCode(202)
                .header("Location", containsString("/data/jobs/"))
                .body("status", equalTo("queued")).body("progress", equalTo(0))
                .body("expires_at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .extract().path("job_id");
    }

    static JsonPath awaitFinished(String jobId) {
        String path = JOBS.formatted(PARTNER) + "/" + jobId;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of("succeeded", "failed", "cancelled").contains(supervisor().get(path).then().extract().path("status")));
        return supervisor().get(path).then().statusCode(200).extract().jsonPath();
    }

    static List<String> expectedIds() {
        List<String> ids = new ArrayList<>();
        for (long id = 801 + CALLS - 1; id >= 801; id--) {
            ids.add("call-" + id);
        }
        return ids;
    }

    @Test
    void aJobRunsEveryPageAndKeepsEachRowOnce_pagedAndAsNdjson() {
        String jobId = submit(null);
        JsonPath done = awaitFinished(jobId);
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getLong("rows")).isEqualTo(CALLS);
        assertThat(done.getLong("total_count")).isEqualTo(CALLS);
        assertThat(done.getString("format")).isEqualTo("ndjson");

        String results = JOBS.formatted(PARTNER) + "/" + jobId + "/results";
        JsonPath first = supervisor().queryParam("first", 5).get(results).then().statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("page_info.has_next_page")).isTrue();
        JsonPath rest = supervisor().queryParam("first", 5).queryParam("after", first.getString("page_info.end_cursor"))
                .get(results).then().statusCode(200).extract().jsonPath();
        assertThat(rest.getBoolean("page_info.has_next_page")).isFalse();
        List<String> ids = new ArrayList<>(first.getList("rows.conversationId"));
        ids.addAll(rest.getList("rows.conversationId"));
        assertThat(ids).containsExactlyElementsOf(expectedIds());
        assertThat(first.getList("rows.channel")).containsOnly("CALL");

        String file = supervisor().get(JOBS.formatted(PARTNER) + "/" + jobId + "/file").then().statusCode(200)
                .contentType(containsString("application/x-ndjson"))
                .header("Content-Disposition", containsString("job-" + jobId + ".ndjson")).extract().asString();
        List<String> lines = file.lines().toList();
        assertThat(lines).hasSize(CALLS);
        assertThat(lines.stream().map(line -> JsonPath.from(line).getString("conversationId")).toList())
                .containsExactlyElementsOf(expectedIds());
    }

    @Test
    void aCsvJobHasAHeaderAndOneLinePerRow() {
        String jobId = submit("csv");
        assertThat(awaitFinished(jobId).getString("status")).isEqualTo("succeeded");
        String csv = supervisor().get(JOBS.formatted(PARTNER) + "/" + jobId + "/file").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("conversationId,channel");
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(
                expectedIds().stream().map(id -> id + ",CALL").toList());
    }

    @Test
    void aJobWhoseWorkerStoppedGoesOnFromItsCursorWhenItsLeaseRunsOut() throws Exception {
        // The first page as a worker would have kept it before stopping: 3 rows and the cursor after them.
        JsonPath page = supervisor().body(Map.of("query", QUERY.replace("after: $after", "after: null")
                        .replace("query($after: String) ", ""))).post("/graphql").then().statusCode(200).extract().jsonPath();
        String cursor = page.getString("data.getConversationsByAgent.pageInfo.endCursor");
        List<String> firstIds = page.getList("data.getConversationsByAgent.edges.node.conversationId");
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO data_jobs (job_id, partner_id, requested_by, agent_id, domain, action, query, variables,
                        format, status, rows_written, total_count, next_cursor, created_at, started_at, expires_at, lease_until)
                    VALUES (?, ?, 'agent:900', 900, 'conversationdata', 'getConversationsByAgent', ?, '{}'::jsonb, 'ndjson',
                        'running', 3, 7, ?, now() - interval '5 minutes', now() - interval '5 minutes', now() + interval '1 day',
                        now() - interval '1 second')""")) {
                s.setObject(1, id);
                s.setString(2, PARTNER);
                s.setString(3, QUERY);
                s.setString(4, cursor);
                s.executeUpdate();
            }
            for (int i = 0; i < firstIds.size(); i++) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO data_job_rows (job_id, seq, row) VALUES (?, ?, ?::json)")) {
                    s.setObject(1, id);
                    s.setLong(2, i + 1);
                    s.setString(3, "{\"conversationId\":\"" + firstIds.get(i) + "\",\"channel\":\"call\"}");
                    s.executeUpdate();
                }
            }
        }
        JsonPath done = awaitFinished(id.toString());
        assertThat(done.getString("status")).isEqualTo("succeeded");
        assertThat(done.getLong("rows")).isEqualTo(CALLS);
        List<String> ids = supervisor().queryParam("first", 100).get(JOBS.formatted(PARTNER) + "/" + id + "/results")
                .then().statusCode(200).extract().jsonPath().getList("rows.conversationId");
        assertThat(ids).containsExactlyElementsOf(expectedIds());
        assertThat(new HashSet<>(ids)).hasSize(CALLS);
    }

    @Test
    void aCancelledJobKeepsNoMorePages_andAFinishedOneCannotBeCancelled() throws Exception {
        UUID held = insertHeld(PARTNER);
        String path = JOBS.formatted(PARTNER) + "/" + held;
        supervisor().get(path + "/results").then().statusCode(409).body("detail", containsString("running"));
        supervisor().post(path + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"))
                .body("finished_at", matchesPattern(".*Z"));
        // The worker that holds it finds out at its next page: nothing is kept, the job stays cancelled.
        boolean goesOn = jobs.savePage(held, List.of("{\"conversationId\":\"call-1\"}"), 1, "c", 7L, false,
                Instant.now(), Duration.ofMinutes(1));
        assertThat(goesOn).isFalse();
        supervisor().get(path).then().statusCode(200).body("status", equalTo("cancelled")).body("rows", equalTo(0));
        supervisor().post(path + "/cancel").then().statusCode(409);

        String finished = submit(null);
        awaitFinished(finished);
        supervisor().post(JOBS.formatted(PARTNER) + "/" + finished + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void whatCannotBeAJobIsRefusedNamingTheField() {
        String jobs = JOBS.formatted(PARTNER);
        String noAfter = "{ getConversationsByAgent(agentId: \"300\", first: 3) { totalCount pageInfo { hasNextPage endCursor }"
                + " edges { node { conversationId } } } }";
        supervisor().body(job(noAfter, null)).post(jobs).then().statusCode(400).body("errors[0].field", equalTo("query"))
                .body("detail", containsString("after: $after"));
        String noTotal = QUERY.replace("totalCount ", "");
        supervisor().body(job(noTotal, null)).post(jobs).then().statusCode(400).body("errors[0].field", equalTo("query"));
        supervisor().body(job(QUERY, "xml")).post(jobs).then().statusCode(400).body("errors[0].field", equalTo("format"));
        supervisor().body(Map.of("domain", "conversationdata", "action", "getConversationsByAgent", "query", QUERY,
                "variables", Map.of("after", "x"))).post(jobs).then().statusCode(400).body("errors[0].field", equalTo("variables.after"));
        supervisor().body(Map.of("domain", "conversationdata", "action", "nope", "query", QUERY)).post(jobs)
                .then().statusCode(400).body("errors[0].field", equalTo("action"));
        supervisor().body(Map.of("domain", "conversationdata", "action", "getConversationsByEmail", "query", QUERY)).post(jobs)
                .then().statusCode(400).body("errors[0].field", equalTo("query"));
        supervisor().body(Map.of("domain", "conversationdata", "action", "getConversationsByAgent")).post(jobs)
                .then().statusCode(400).body("errors[0].field", equalTo("query"));
        supervisor().queryParam("first", 5000).get(jobs + "/" + UUID.randomUUID() + "/results").then().statusCode(404);
    }

    @Test
    void policiesPartnersAndTheUnfinishedLimitApply() throws Exception {
        // Transcript search (getConversationsByAgent) is not an agent's by default.
        as(PARTNER, "agent").body(job(QUERY, null)).post(JOBS.formatted(PARTNER)).then().statusCode(403)
                .body("detail", containsString("conversationdata:getConversationsByAgent"));
        String jobId = submit(null);
        awaitFinished(jobId);
        as(PARTNER, "agent").get(JOBS.formatted(PARTNER) + "/" + jobId).then().statusCode(403);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "supervisor").get(JOBS.formatted(PARTNER) + "/" + jobId).then().statusCode(404);
        as(other, "supervisor").get(JOBS.formatted(other) + "/" + jobId).then().statusCode(404);
        as(other, "supervisor").get(JOBS.formatted(other)).then().statusCode(200).body("size()", equalTo(0));

        String busy = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            insertHeld(busy);
        }
        as(busy, "supervisor").body(job(QUERY, null)).post(JOBS.formatted(busy)).then().statusCode(429)
                .header("Retry-After", equalTo("10")).contentType("application/problem+json");
    }

    @Test
    void expiredJobsAreRemovedWithTheirRows() throws Exception {
        UUID expired = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO data_jobs (job_id, partner_id, requested_by, domain, action, query, variables, format, status,
                    rows_written, created_at, finished_at, expires_at)
                VALUES (?, ?, 'x', 'conversationdata', 'getConversationsByAgent', 'q', '{}'::jsonb, 'ndjson', 'succeeded',
                    0, now() - interval '2 days', now() - interval '2 days', now() - interval '1 second')""")) {
            s.setObject(1, expired);
            s.setString(2, PARTNER);
            s.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                supervisor().get(JOBS.formatted(PARTNER) + "/" + expired).statusCode() == 404);
    }

    /** A running job whose (imaginary) worker holds a long lease: the runner leaves it alone. */
    private UUID insertHeld(String partner) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO data_jobs (job_id, partner_id, requested_by, domain, action, query, variables, format, status,
                    created_at, started_at, expires_at, lease_until)
                VALUES (?, ?, 'x', 'conversationdata', 'getConversationsByAgent', ?, '{}'::jsonb, 'ndjson', 'running',
                    now(), now(), now() + interval '1 day', now() + interval '1 hour')""")) {
            s.setObject(1, id);
            s.setString(2, partner);
            s.setString(3, QUERY);
            s.executeUpdate();
        }
        return id;
    }
}
