package io.switchboard.interaction.agentstatus.store;

import io.switchboard.events.WireTime;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.EventContext;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWrapUp;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends wrap-up: an agent whose latest status change put them in {@code wrap_up} at least the wrap-up
 * period ago returns to the status they had set (see {@code AgentStatusDecider}). Several instances may
 * sweep at once: {@code EndWrapUp} is decided on the agent's current state, so it happens once, and an
 * agent who has meanwhile taken a call or set a status by hand is left alone.
 */
@ApplicationScoped
public class WrapUps {
    private static final Logger LOG = Logger.getLogger(WrapUps.class);
    private static final int BATCH = 200;

    /*
     * Each agent's latest status change, found per agent through the partial index on AgentStatusChanged
     * (stream_id, version DESC): the recursive part steps from one agent stream to the next (an emulated
     * skip scan), the lateral part reads that stream's newest change. So a sweep costs a few index
     * descents per agent, not a pass over every status change ever made (DISTINCT ON over the whole
     * history grew with it: under load, seconds every five seconds).
     */
    private static final String DUE = """
            WITH RECURSIVE agents(stream_id) AS (
                (SELECT stream_id FROM event_store WHERE event_type = 'AgentStatusChanged' ORDER BY stream_id LIMIT 1)
                UNION ALL
                SELECT (SELECT e.stream_id FROM event_store e
                        WHERE e.event_type = 'AgentStatusChanged' AND e.stream_id > agents.stream_id
                        ORDER BY e.stream_id LIMIT 1)
                FROM agents WHERE agents.stream_id IS NOT NULL)
            SELECT latest.partner_id, (latest.payload -> 'data' ->> 'agentId')::bigint AS agent_id
            FROM agents
            CROSS JOIN LATERAL (SELECT e.partner_id, e.payload FROM event_store e
                                WHERE e.event_type = 'AgentStatusChanged' AND e.stream_id = agents.stream_id
                                ORDER BY e.version DESC LIMIT 1) latest
            WHERE latest.payload -> 'data' ->> 'status' = 'wrap_up' AND latest.payload -> 'data' ->> 'changedAt' <= $1
            LIMIT $2""";

    private final Pool pool;
    private final AgentStatuses statuses;
    private final Duration wrapUp;
    private final Clock clock;

    public WrapUps(Pool pool, AgentStatuses statuses,
                   @ConfigProperty(name = "switchboard.agent-status.wrap-up", defaultValue = "PT30S") Duration wrapUp, Clock clock) {
        this.clock = clock;
        this.pool = pool;
        this.statuses = statuses;
        this.wrapUp = wrapUp;
    }

    @Scheduled(every = "${switchboard.agent-status.wrap-up-sweep:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepNow() {
        return sweep(WireTime.now(clock)).replaceWithVoid();
    }

    /** Ends every wrap-up due at {@code now}; returns how many agents it looked at. */
    public Uni<Integer> sweep(Instant now) {
        return pool.preparedQuery(DUE).execute(Tuple.of(WireTime.format(now.minus(wrapUp)), BATCH))
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> endWrapUp(row, now))
                        .collect().asList()
                        .map(done -> done.size()));
    }

    private Uni<Long> endWrapUp(Row row, Instant now) {
        long agentId = row.getLong("agent_id");
        return statuses.handle(row.getString("partner_id"), agentId, new EndWrapUp(wrapUp, now), EventContext.none())
                .replaceWith(agentId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "could not end the wrap-up of agent %d; the next sweep retries", agentId);
                    return agentId;
                });
    }
}
