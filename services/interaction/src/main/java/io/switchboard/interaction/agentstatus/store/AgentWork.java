package io.switchboard.interaction.agentstatus.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.interaction.routing.domain.WorkKind;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Which agents have (or had) which call or chat: the events that end work do not name the agent. */
@ApplicationScoped
public class AgentWork {
    /** The participant id of work connected without one (CallConnected, ChatAssigned). */
    public static final long NO_PARTICIPANT = 0;

    private final Pool pool;

    public AgentWork(Pool pool) {
        this.pool = pool;
    }

    /** Idempotent: remembering the same assignment twice keeps one row. */
    public Uni<Void> remember(String partnerId, WorkKind type, long workId, long participantId, long agentId) {
        return remember(pool, partnerId, type, workId, participantId, agentId);
    }

    /** The same, on the caller's transaction. */
    public Uni<Void> remember(SqlClient client, String partnerId, WorkKind type, long workId, long participantId,
                              long agentId) {
        return client.preparedQuery("""
                        INSERT INTO agent_work (partner_id, work_type, work_id, participant_id, agent_id)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(partnerId, type.value(), workId, participantId, agentId))
                .replaceWithVoid();
    }

    /** Every agent that had the work (for a participant id: only that participant's agent). */
    public Uni<List<Long>> agents(String partnerId, WorkKind type, long workId, Long participantId) {
        return agents(pool, partnerId, type, workId, participantId);
    }

    /** The same, on the caller's transaction. */
    public Uni<List<Long>> agents(SqlClient client, String partnerId, WorkKind type, long workId, Long participantId) {
        return client.preparedQuery("""
                        SELECT DISTINCT agent_id FROM agent_work
                        WHERE partner_id = $1 AND work_type = $2 AND work_id = $3 AND ($4::bigint IS NULL OR participant_id = $4)
                        ORDER BY agent_id""")
                .execute(Tuple.of(partnerId, type.value(), workId, participantId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }
}
