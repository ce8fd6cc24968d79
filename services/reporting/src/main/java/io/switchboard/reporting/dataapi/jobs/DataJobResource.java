package io.switchboard.reporting.dataapi.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Document;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.events.WireTime;
import io.switchboard.reporting.dataapi.graphql.DataGraph;
import io.switchboard.reporting.dataapi.graphql.DataRequests;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.web.CallerIdentity;
import io.switchboard.web.Roles;
import io.switchboard.web.RetryLaterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Asynchronous Platform Data API queries (docs/api/platform-data-api.md#asynchronous-jobs): submit a connection
 * query, follow its status and progress, read its rows page by page or download them as one NDJSON or CSV file,
 * cancel it. A job is its partner's, and every call on it needs the job's action, as the query itself would.
 */
@Path("/api/partners/{partnerId}/data/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class DataJobResource {
    /** Unfinished jobs a partner may have at once. */
    static final int MAX_UNFINISHED = 5;
    static final int MAX_RESULTS_PAGE = 1_000;

    private final DataJobs jobs;
    private final DataGraph graph;
    private final DataRequests requests;
    private final CallerIdentity caller;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;
    private final UriInfo uri;

    public DataJobResource(DataJobs jobs, DataGraph graph, DataRequests requests, CallerIdentity caller,
                           SecurityIdentity identity, ObjectMapper json,
                           Clock clock, UriInfo uri,
                           @ConfigProperty(name = "switchboard.dataapi.jobs.retention", defaultValue = "PT24H") Duration retention) {
        this.jobs = jobs;
        this.graph = graph;
        this.requests = requests;
        this.caller = caller;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
        this.uri = uri;
        this.retention = retention;
    }

    /** A job to submit. */
    public record JobRequest(@NotBlank @Size(max = 32) String domain, @NotBlank @Size(max = 64) String action,
                             @NotBlank @Size(max = DataGraph.MAX_QUERY_CHARS) String query,
                             @Size(max = 50) Map<String, Object> variables,
                             @Size(max = 100) String operationName,
                             @Pattern(regexp = "ndjson|csv", message = "must be ndjson or csv") String format) {
    }

    /** A job as the API shows it. */
    public record JobView(String jobId, String domain, String action, String status, int progress, long rows,
                          Long totalCount, String format, String error, String createdAt, String startedAt,
                          String finishedAt, String expiresAt) {
        static JobView of(DataJobs.Job job) {
            int progress = job.status().equals("succeeded") ? 100
                    : job.totalCount() == null || job.totalCount() == 0 ? 0
                    : (int) Math.min(99, job.rows() * 100 / job.totalCount());
            return new JobView(job.jobId().toString(), job.domain(), job.action(), job.status(), progress, job.rows(),
                    job.totalCount(), job.format(), job.error(), time(job.createdAt()), time(job.startedAt()),
                    time(job.finishedAt()), time(job.expiresAt()));
        }

        private static String time(Instant at) {
            return at == null ? null : WireTime.format(at);
        }
    }

    /** A page of a job's rows: each row is the node the query selected. */
    public record ResultsView(List<JsonNode> rows, PageInfo pageInfo) {
    }

    public record PageInfo(boolean hasNextPage, String endCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("partnerId") @Size(max = 64) String partnerId, @Valid JobRequest request)
            throws SQLException {
        String partner = requests.readablePartner(partnerId);
        if (request == null) {
            throw new InvalidCommandException("body", "give domain, action, query and optionally variables, format");
        }
        if (!DataActions.DOMAINS.contains(request.domain())) {
            throw new InvalidCommandException("domain", "must be one of " + DataActions.DOMAINS);
        }
        if (!graph.served(request.domain()).contains(request.action())) {
            throw new InvalidCommandException("action", "is not a query of " + request.domain());
        }
        requests.authorise(partner, Set.of(DataActions.action(request.domain(), request.action())));
        Document document = requests.parse(request.query(), true);
        List<String> roots = DataRequests.rootFields(document, request.operationName(), true);
        if (roots.size() != 1 || !roots.get(0).equals(request.action())) {
            throw new InvalidCommandException("query", "the document must select exactly one root field, "
                    + request.action() + " (it selects " + String.join(", ", roots) + ")");
        }
        JobQuery.refusal(document, request.operationName()).ifPresent(why -> {
            throw new InvalidCommandException("query", why);
        });
        Map<String, Object> variables = request.variables() == null ? Map.of() : request.variables();
        if (variables.containsKey("after")) {
            throw new InvalidCommandException("variables.after", "is set by the job, page after page");
        }
        if (jobs.unfinished(partner) >= MAX_UNFINISHED) {
            throw RetryLaterException.tooManyRequests("the partner has " + MAX_UNFINISHED
                    + " unfinished jobs; wait for one to finish or cancel one", 10);
        }
        Instant now = clock.instant();
        DataJobs.Job job = new DataJobs.Job(UUID.randomUUID(), partner, requestedBy(), caller.agentId(),
                request.domain(), request.action(), request.query(), write(variables), request.operationName(),
                request.format() == null ? "ndjson" : request.format(), "queued", 0, null, null, null, now, null, null,
                now.plus(retention));
        jobs.submit(job);
        return Response.accepted(JobView.of(job))
                .location(uri.getRequestUriBuilder().path(job.jobId().toString()).build()).build();
    }

    /** The partner's newest jobs (at most 50), whatever their actions; each job's own calls check its action. */
    @GET
    public List<JobView> list(@PathParam("partnerId") @Size(max = 64) String partnerId) throws SQLException {
        return jobs.list(requests.readablePartner(partnerId), 50).stream().map(JobView::of).toList();
    }

    @GET
    @Path("{jobId}")
    public JobView get(@PathParam("partnerId") @Size(max = 64) String partnerId,
                       @PathParam("jobId") @Size(max = 36) String jobId) throws SQLException {
        return JobView.of(job(partnerId, jobId));
    }

    /** Cancels a queued or running job (its rows so far are dropped with it at expiry); a finished job: 409. */
    @POST
    @Path("{jobId}/cancel")
    public JobView cancel(@PathParam("partnerId") @Size(max = 64) String partnerId,
                          @PathParam("jobId") @Size(max = 36) String jobId) throws SQLException {
        DataJobs.Job job = job(partnerId, jobId);
        if (job.finished()) {
            throw new IllegalTransitionException(job.status(), "the job is " + job.status() + "; only a queued or running job can be cancelled");
        }
        DataJobs.Job after = jobs.cancel(job.partnerId(), job.jobId(), clock.instant()).orElseThrow();
        if (!after.status().equals("cancelled")) {
            throw new IllegalTransitionException(after.status(), "the job finished first: it is " + after.status());
        }
        return JobView.of(after);
    }

    @GET
    @Path("{jobId}/results")
    public ResultsView results(@PathParam("partnerId") @Size(max = 64) String partnerId,
                               @PathParam("jobId") @Size(max = 36) String jobId,
                               @QueryParam("first") @Size(max = 8) String first,
                               @QueryParam("after") @Size(max = 20) String after) throws SQLException {
        DataJobs.Job job = succeeded(job(partnerId, jobId));
        int size = bounded("first", first, 100, 1, MAX_RESULTS_PAGE);
        long from = after == null ? 0 : bounded("after", after, 0, 0, Long.MAX_VALUE);
        List<DataJobs.Row> rows = jobs.rows(job.jobId(), from, size + 1);
        boolean more = rows.size() > size;
        List<DataJobs.Row> shown = more ? rows.subList(0, size) : rows;
        List<JsonNode> nodes = new ArrayList<>();
        for (DataJobs.Row row : shown) {
            nodes.add(read(row.json()));
        }
        String end = shown.isEmpty() ? null : Long.toString(shown.get(shown.size() - 1).seq());
        return new ResultsView(nodes, new PageInfo(more, end));
    }

    /** Every row in one file: NDJSON (one node per line) or CSV (one column per field; nested values as JSON). */
    @GET
    @Path("{jobId}/file")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response file(@PathParam("partnerId") @Size(max = 64) String partnerId,
                         @PathParam("jobId") @Size(max = 36) String jobId) throws SQLException {
        DataJobs.Job job = succeeded(job(partnerId, jobId));
        boolean csv = job.format().equals("csv");
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                List<String> header = new ArrayList<>();
                jobs.eachRow(job.jobId(), row -> {
                    try {
                        if (!csv) {
                            writer.write(row);
                            writer.write('\n');
                            return;
                        }
                        JsonNode node = read(row);
                        if (header.isEmpty()) {
                            node.fieldNames().forEachRemaining(header::add);
                            writer.write(Csv.line(header));
                        }
                        List<String> cells = new ArrayList<>();
                        for (String column : header) {
                            JsonNode value = node.get(column);
                            cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString());
                        }
                        writer.write(Csv.line(cells));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (SQLException e) {
                throw new IOException("the job's rows could not be read", e);
            }
            writer.flush();
        };
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"job-" + job.jobId() + (csv ? ".csv" : ".ndjson") + "\"")
                .build();
    }

    /** The partner's job, if the caller may read the partner and is granted the job's action; else 404 / 403. */
    private DataJobs.Job job(String partnerId, String jobId) throws SQLException {
        String partner = requests.readablePartner(partnerId);
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw new AggregateNotFoundException("job", "?");
        }
        DataJobs.Job job = jobs.find(partner, id).orElseThrow(() -> new AggregateNotFoundException("job", jobId));
        requests.authorise(partner, Set.of(DataActions.action(job.domain(), job.action())));
        return job;
    }

    /** Who asked: the agent, else the token's or credential's principal. */
    private String requestedBy() {
        Long agent = caller.agentId();
        return agent != null ? "agent:" + agent : identity.getPrincipal().getName();
    }

    private static DataJobs.Job succeeded(DataJobs.Job job) {
        if (!job.status().equals("succeeded")) {
            throw new IllegalTransitionException(job.status(), "the job is " + job.status() + "; its rows are read once it has succeeded");
        }
        return job;
    }

    private static long bounded(String name, String value, long fallback, long min, long max) {
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidCommandException(name, "must be a whole number from " + min + " to " + max);
    }

    private static int bounded(String name, String value, int fallback, int min, int max) {
        return (int) bounded(name, value, (long) fallback, min, (long) max);
    }

    private JsonNode read(String row) {
        try {
            return json.readTree(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row is not JSON", e);
        }
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("variables", "could not be read as JSON");
        }
    }
}
