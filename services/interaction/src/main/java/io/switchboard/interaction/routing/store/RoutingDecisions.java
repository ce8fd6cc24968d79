package io.switchboard.interaction.routing.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.interaction.routing.domain.AgentCandidate;
import io.switchboard.interaction.routing.domain.AssigneeType;
import io.switchboard.interaction.routing.domain.Assignment;
import io.switchboard.interaction.routing.domain.MenuRoute;
import io.switchboard.interaction.routing.domain.PendingWork;
import io.switchboard.interaction.routing.domain.RoutingPolicy;
import io.switchboard.interaction.routing.domain.RoutingSnapshot;
import io.switchboard.interaction.routing.domain.Trigger;
import io.switchboard.interaction.routing.domain.VirtualAgent;
import io.switchboard.interaction.routing.domain.WorkKind;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.switchboard.interaction.routing.store.Sql.params;

/**
 * Runs {@link RoutingPolicy} on a partner's read model and records its decisions: the work moves to
 * {@code routing} and each chosen agent is reserved, in one transaction under the partner's routing
 * lock. Delivering the decisions (ChatRouted, ringing) happens after commit; {@link #delivered},
 * {@link #undeliverable} and {@link #retry} record how that went.
 */
@ApplicationScoped
public class RoutingDecisions {
    private static final int BATCH = 500;

    private static final String PENDING = """
            SELECT kind, work_id, menu_id, trigger, escalation_id, queued_at FROM routing_work
            WHERE partner_id = $1 AND state = 'pending' AND kind = ANY($2)
            ORDER BY queued_at, kind, work_id LIMIT $3""";

    private static final String FREE_AGENTS = """
            SELECT a.agent_id, a.name, a.idle_since,
                   coalesce(array_agg(m.team_id) FILTER (WHERE m.member), '{}') AS team_ids
            FROM routing_agent a
            LEFT JOIN routing_team_member m ON m.partner_id = a.partner_id AND m.agent_id = a.agent_id
            WHERE a.partner_id = $1 AND a.active AND a.status = 'available' AND a.idle_since IS NOT NULL
              AND a.reserved_kind IS NULL
            GROUP BY a.agent_id, a.name, a.idle_since""";

    private static final String MENUS = """
            SELECT menu_id, active, team_ids, virtual_agent_id FROM routing_menu
            WHERE partner_id = $1 AND menu_id = ANY($2)""";

    private static final String VIRTUAL_AGENTS = """
            SELECT virtual_agent_id, name, active FROM routing_virtual_agent
            WHERE partner_id = $1 AND virtual_agent_id = ANY($2)""";

    private static final String INACTIVE_TEAMS = "SELECT team_id FROM routing_team WHERE partner_id = $1 AND NOT active";

    private static final String CHOSEN = """
            UPDATE routing_work SET state = 'routing', assignee_type = $4, assignee_id = $5, assignee_name = $6,
                team_id = $7, routing_at = now()
            WHERE partner_id = $1 AND kind = $2 AND work_id = $3 AND state = 'pending'
            RETURNING request_id""";

    private static final String RESERVE = """
            UPDATE routing_agent SET reserved_kind = $3, reserved_work_id = $4, reserved_at = now()
            WHERE partner_id = $1 AND agent_id = $2""";

    /** Decisions whose delivery never confirmed (the instance stopped in between): taken over for a retry. */
    private static final String STALE = """
            UPDATE routing_work SET routing_at = now()
            WHERE partner_id = $1 AND state = 'routing' AND kind = ANY($2) AND routing_at < now() - $3::bigint * interval '1 millisecond'
            RETURNING kind, work_id, menu_id, trigger, escalation_id, queued_at, assignee_type, assignee_id,
                      assignee_name, team_id, request_id""";

    private final Pool pool;

    public RoutingDecisions(Pool pool) {
        this.pool = pool;
    }

    /** A decision to deliver; {@code requestId} identifies the routing request it answers. */
    public record Decision(String partnerId, Assignment assignment, UUID requestId) {
    }

    /**
     * Decides for the partner's pending work of the given kinds and records the decisions, then adds
     * older undelivered decisions (older than {@code staleAfter}) to retry.
     */
    public Uni<List<Decision>> decide(String partnerId, Set<WorkKind> kinds, Duration staleAfter) {
        String[] kindValues = kinds.stream().map(WorkKind::value).toArray(String[]::new);
        return pool.withTransaction(conn -> RoutingLock.take(conn, partnerId)
                .chain(() -> conn.preparedQuery(PENDING).execute(Tuple.of(partnerId, kindValues, BATCH)))
                .map(rows -> {
                    List<PendingWork> pending = new ArrayList<>();
                    rows.forEach(row -> pending.add(work(row)));
                    return pending;
                })
                .chain(pending -> pending.isEmpty()
                        ? Uni.createFrom().item(List.<Decision>of())
                        : snapshot(conn, partnerId, pending)
                        .map(snapshot -> RoutingPolicy.assign(pending, snapshot))
                        .chain(assignments -> record(conn, partnerId, assignments)))
                .chain(fresh -> conn.preparedQuery(STALE)
                        .execute(Tuple.of(partnerId, kindValues, staleAfter.toMillis()))
                        .map(stale -> {
                            List<Decision> all = new ArrayList<>(fresh);
                            stale.forEach(row -> all.add(new Decision(partnerId, assignment(row), row.getUUID("request_id"))));
                            return all;
                        })));
    }

    /** The decision reached its assignee. */
    public Uni<Void> delivered(Decision decision) {
        return pool.preparedQuery("""
                        UPDATE routing_work SET state = 'routed'
                        WHERE partner_id = $1 AND kind = $2 AND work_id = $3 AND state = 'routing' AND request_id = $4""")
                .execute(key(decision)).replaceWithVoid();
    }

    /**
     * The work no longer needs anyone (the call was answered, ended or is ringing someone else; the
     * chat was routed by another request): it stops waiting and the chosen agent is free again.
     */
    public Uni<Void> undeliverable(Decision decision) {
        return settle(decision, "closed");
    }

    /** Delivery failed: the work waits again and the chosen agent is free again. */
    public Uni<Void> retry(Decision decision) {
        return settle(decision, "pending");
    }

    private Uni<Void> settle(Decision decision, String state) {
        Assignment a = decision.assignment();
        return pool.withTransaction(conn -> RoutingLock.take(conn, decision.partnerId())
                .chain(() -> conn.preparedQuery("""
                                UPDATE routing_work SET state = $5, assignee_type = NULL, assignee_id = NULL,
                                    assignee_name = NULL, team_id = NULL, routing_at = NULL
                                WHERE partner_id = $1 AND kind = $2 AND work_id = $3 AND state = 'routing' AND request_id = $4""")
                        .execute(key(decision).addString(state)))
                .chain(() -> conn.preparedQuery("""
                                UPDATE routing_agent SET reserved_kind = NULL, reserved_work_id = NULL, reserved_at = NULL
                                WHERE partner_id = $1 AND agent_id = $2 AND reserved_kind = $3 AND reserved_work_id = $4""")
                        .execute(Tuple.of(decision.partnerId(), a.assigneeId(), a.work().kind().value(), a.work().workId())))
                .replaceWithVoid());
    }

    private static Tuple key(Decision decision) {
        PendingWork work = decision.assignment().work();
        return Tuple.of(decision.partnerId(), work.kind().value(), work.workId(), decision.requestId());
    }

    private Uni<RoutingSnapshot> snapshot(SqlConnection conn, String partnerId, List<PendingWork> pending) {
        Long[] menuIds = pending.stream().map(PendingWork::menuId).filter(id -> id != null).distinct().toArray(Long[]::new);
        List<AgentCandidate> agents = new ArrayList<>();
        Map<Long, MenuRoute> menus = new HashMap<>();
        Map<Long, VirtualAgent> bots = new HashMap<>();
        Set<Long> inactiveTeams = new HashSet<>();
        return conn.preparedQuery(FREE_AGENTS).execute(Tuple.of(partnerId))
                .invoke(rows -> rows.forEach(row -> agents.add(new AgentCandidate(row.getLong("agent_id"),
                        row.getString("name"), true, true, false,
                        row.getOffsetDateTime("idle_since").toInstant(), new HashSet<>(Arrays.asList(row.getArrayOfLongs("team_ids")))))))
                .chain(() -> conn.preparedQuery(MENUS).execute(Tuple.of(partnerId, menuIds)))
                .invoke(rows -> rows.forEach(row -> menus.put(row.getLong("menu_id"), new MenuRoute(row.getLong("menu_id"),
                        row.getBoolean("active"), Arrays.asList(row.getArrayOfLongs("team_ids")),
                        row.getLong("virtual_agent_id")))))
                .chain(() -> conn.preparedQuery(VIRTUAL_AGENTS).execute(Tuple.of(partnerId, menus.values().stream()
                        .map(MenuRoute::virtualAgentId).filter(id -> id != null).toArray(Long[]::new))))
                .invoke(rows -> rows.forEach(row -> bots.put(row.getLong("virtual_agent_id"), new VirtualAgent(
                        row.getLong("virtual_agent_id"), row.getString("name"), row.getBoolean("active")))))
                .chain(() -> conn.preparedQuery(INACTIVE_TEAMS).execute(Tuple.of(partnerId)))
                .invoke(rows -> rows.forEach(row -> inactiveTeams.add(row.getLong("team_id"))))
                .map(done -> new RoutingSnapshot(agents, menus, bots, inactiveTeams));
    }

    private Uni<List<Decision>> record(SqlConnection conn, String partnerId, List<Assignment> assignments) {
        return Multi.createFrom().iterable(assignments)
                .onItem().transformToUniAndConcatenate(a -> conn.preparedQuery(CHOSEN)
                        .execute(params(partnerId, a.work().kind().value(), a.work().workId(), a.assigneeType().value(),
                                a.assigneeId(), a.assigneeName(), a.teamId()))
                        .map(rows -> rows.iterator().next().getUUID("request_id"))
                        .call(requestId -> a.assigneeType() == AssigneeType.AGENT
                                ? conn.preparedQuery(RESERVE).execute(Tuple.of(partnerId, a.assigneeId(),
                                a.work().kind().value(), a.work().workId()))
                                : Uni.createFrom().voidItem())
                        .map(requestId -> new Decision(partnerId, a, requestId)))
                .collect().asList();
    }

    private static PendingWork work(Row row) {
        return new PendingWork(WorkKind.of(row.getString("kind")), row.getLong("work_id"), row.getLong("menu_id"),
                Trigger.of(row.getString("trigger")), row.getLong("escalation_id"),
                row.getOffsetDateTime("queued_at").toInstant());
    }

    private static Assignment assignment(Row row) {
        AssigneeType type = AssigneeType.AGENT.value().equals(row.getString("assignee_type"))
                ? AssigneeType.AGENT : AssigneeType.VIRTUAL_AGENT;
        return new Assignment(work(row), type, row.getLong("assignee_id"), row.getString("assignee_name"),
                row.getLong("team_id"));
    }
}
