package io.switchboard.reporting.dataapi.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.reporting.dataapi.fetch.DataCaller;
import io.switchboard.reporting.dataapi.graphql.DataGraph;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs in the background, one page at a time: the job's document with {@code after} set to the cursor of
 * the last page kept, its nodes kept as rows with the cursor after them (one transaction, {@link DataJobs#savePage}),
 * until {@code hasNextPage} is false, the job is cancelled, or it fails. Each page renews the job's lease; a job
 * whose worker stopped is taken up again from its cursor once the lease has run out. Expired jobs are removed.
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    /** A job keeps at most this many rows; a larger result fails the job (narrow the query). */
    public static final long MAX_ROWS = 100_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DataJobs jobs;
    private final DataGraph graph;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration lease;

    public JobRunner(DataJobs jobs, DataGraph graph, ObjectMapper json, Clock clock,
                     @ConfigProperty(name = "switchboard.dataapi.jobs.lease", defaultValue = "PT1M") Duration lease) {
        this.jobs = jobs;
        this.graph = graph;
        this.json = json;
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(every = "${switchboard.dataapi.jobs.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            jobs.purgeExpired(clock.instant());
            for (Optional<DataJobs.Job> job = jobs.claim(clock.instant(), lease); job.isPresent();
                 job = jobs.claim(clock.instant(), lease)) {
                run(job.get());
            }
        } catch (SQLException | RuntimeException e) {
            // The job keeps its lease and cursor: it is taken up again when the lease runs out.
            LOG.warnf(e, "running Platform Data API jobs failed; retrying on the next tick");
        }
    }

    /** Runs one claimed job to its end (or until it is cancelled); public for the export benchmark. */
    public void run(DataJobs.Job job) throws SQLException {
        Map<String, Object> variables = variables(job);
        String cursor = job.nextCursor();
        long seq = job.rows();
        while (true) {
            Map<String, Object> page = new HashMap<>(variables);
            page.put("after", cursor);
            ExecutionResult result = graph.execute(job.query(), job.operationName(), page,
                    new DataCaller(job.partnerId(), job.agentId()));
            if (!result.getErrors().isEmpty()) {
                for (GraphQLError error : result.getErrors()) {
                    if (error instanceof DataGraph.Unexpected) {
                        throw new IllegalStateException("job " + job.jobId() + ": " + error.getMessage());
                    }
                }
                jobs.fail(job.jobId(), result.getErrors().get(0).getMessage(), clock.instant());
                return;
            }
            Map<String, Object> data = result.getData();
            Object connection = data == null || data.size() != 1 ? null : data.values().iterator().next();
            if (!(connection instanceof Map<?, ?> conn) || !(conn.get("pageInfo") instanceof Map<?, ?> info)
                    || !(conn.get("edges") instanceof List<?> edges)) {
                jobs.fail(job.jobId(), "the query answered no page (edges and pageInfo)", clock.instant());
                return;
            }
            List<String> rows = new ArrayList<>();
            for (Object edge : edges) {
                rows.add(write(edge instanceof Map<?, ?> e ? e.get("node") : null));
            }
            if (seq + rows.size() > MAX_ROWS) {
                jobs.fail(job.jobId(), "the result has more than " + MAX_ROWS + " rows; narrow the query", clock.instant());
                return;
            }
            boolean more = Boolean.TRUE.equals(info.get("hasNextPage")) && info.get("endCursor") != null;
            String next = (String) info.get("endCursor");
            Long total = conn.get("totalCount") instanceof Number n ? n.longValue() : null;
            if (!jobs.savePage(job.jobId(), rows, seq + 1, next, total, !more, clock.instant(), lease)) {
                return;
            }
            seq += rows.size();
            cursor = next;
        }
    }

    private Map<String, Object> variables(DataJobs.Job job) {
        try {
            return json.readValue(job.variables(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + job.jobId() + " has unreadable variables", e);
        }
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row could not be written as JSON", e);
        }
    }
}
