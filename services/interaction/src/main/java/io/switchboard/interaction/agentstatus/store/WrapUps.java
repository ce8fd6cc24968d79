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

    private static final String DUE = """
            SELECT partner_id, (payload -> 'data' ->> 'agentId')::bigint AS agent_id
            FROM (SELECT DISTINCT ON (stream_id) partner_id, payload FROM event_store
                  WHERE event_type = 'AgentStatusChanged'
                  ORDER BY stream_id, version DESC) latest
            WHERE payload -> 'data' ->> 'status' = 'wrap_up' AND payload -> 'data' ->> 'changedAt' <= $1
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
