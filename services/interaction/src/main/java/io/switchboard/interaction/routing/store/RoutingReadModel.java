package io.switchboard.interaction.routing.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.interaction.routing.domain.Trigger;
import io.switchboard.interaction.routing.domain.WorkKind;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.switchboard.interaction.routing.store.Sql.at;
import static io.switchboard.interaction.routing.store.Sql.params;

/**
 * Applies the events routing cares about to its read model. Each event is applied in one transaction
 * that also records its stream position (libs/consumer, read model {@code routing}), so a redelivery
 * changes nothing; the transaction holds the partner's routing lock, so a decision never sees half of a
 * change. Events of different aggregates may come in any order: rows are upserted by whoever arrives
 * first, memberships and statuses keep the newest.
 */
@ApplicationScoped
public class RoutingReadModel {
    public static final String READ_MODEL = "routing";
    /** The read model's tables: a rebuild empties them and replays the topics. */
    public static final String[] TABLES = {"routing_agent", "routing_team", "routing_team_member", "routing_menu",
            "routing_virtual_agent", "routing_work"};
    private static final long NOBODY = -1;

    private final Pool pool;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public RoutingReadModel(Pool pool) {
        this.pool = pool;
    }

    /** Whether routing cares about this event at all. */
    public static boolean relevant(DomainEvent event) {
        return event instanceof AgentCreated || event instanceof AgentUpdated || event instanceof AgentUpdatedV1
                || event instanceof AgentDeactivated
                || event instanceof AgentStatusChanged || event instanceof TeamCreated || event instanceof TeamDeactivated
                || event instanceof TeamMemberAdded || event instanceof TeamMemberRemoved || event instanceof MenuCreated
                || event instanceof MenuUpdated || event instanceof MenuUpdatedV1 || event instanceof MenuDeactivated
                || event instanceof VirtualAgentCreated || event instanceof VirtualAgentUpdated
                || event instanceof VirtualAgentUpdatedV1 || event instanceof VirtualAgentDeactivated
                || event instanceof CallQueued || event instanceof CallConnecting || event instanceof CallConnected
                || event instanceof CallEnded || event instanceof ChatCreated || event instanceof EscalationRequested
                || event instanceof ChatReleased || event instanceof ChatFinished || event instanceof ChatAssigned
                || event instanceof ChatClaimed;
    }

    /** Applies the event once; completes with false if it had been applied before. */
    public Uni<Boolean> apply(EventEnvelope envelope) {
        return pool.withTransaction(conn -> RoutingLock.take(conn, envelope.partnerId())
                .chain(() -> positions.record(conn, envelope))
                .flatMap(fresh -> !fresh
                        ? Uni.createFrom().item(false)
                        : new Effect(conn, envelope.partnerId(), envelope.eventId()).of(envelope.data()).replaceWith(true)));
    }

    /** The changes of one event, on the transaction's connection. */
    private record Effect(SqlConnection conn, String partner, UUID eventId) {

        Uni<Void> of(DomainEvent event) {
            if (event instanceof AgentCreated e) {
                Uni<Void> agent = run("""
                        INSERT INTO routing_agent (partner_id, agent_id, name) VALUES ($1, $2, $3)
                        ON CONFLICT (partner_id, agent_id) DO UPDATE SET name = excluded.name""",
                        partner, e.agentId(), e.name());
                for (Long teamId : e.teamIds()) {
                    agent = agent.chain(() -> membership(teamId, e.agentId(), true, e.createdAt()));
                }
                return agent;
            }
            if (event instanceof AgentUpdated e) {
                return agentName(e.agentId(), e.name());
            }
            if (event instanceof AgentUpdatedV1 e) {
                return e.after().containsKey("name") ? agentName(e.agentId(), (String) e.after().get("name")) : done();
            }
            if (event instanceof AgentDeactivated e) {
                return run("""
                        INSERT INTO routing_agent (partner_id, agent_id, active) VALUES ($1, $2, false)
                        ON CONFLICT (partner_id, agent_id) DO UPDATE SET active = false""", partner, e.agentId());
            }
            if (event instanceof AgentStatusChanged e) {
                return status(e);
            }
            if (event instanceof TeamCreated e) {
                return run("INSERT INTO routing_team (partner_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        partner, e.teamId());
            }
            if (event instanceof TeamDeactivated e) {
                return run("""
                        INSERT INTO routing_team (partner_id, team_id, active) VALUES ($1, $2, false)
                        ON CONFLICT (partner_id, team_id) DO UPDATE SET active = false""", partner, e.teamId());
            }
            if (event instanceof TeamMemberAdded e) {
                return membership(e.teamId(), e.agentId(), true, e.addedAt());
            }
            if (event instanceof TeamMemberRemoved e) {
                return membership(e.teamId(), e.agentId(), false, e.removedAt());
            }
            if (event instanceof MenuCreated e) {
                return menu(e.menuId(), e.name(), e.channel(), e.teamIds(), e.virtualAgentId());
            }
            if (event instanceof MenuUpdated e) {
                return menu(e.menuId(), e.name(), e.channel(), e.teamIds(), e.virtualAgentId());
            }
            if (event instanceof MenuUpdatedV1 e) {
                return menu(e.menuId(), e.name(), e.channel(), e.teamIds(), e.virtualAgentId());
            }
            if (event instanceof MenuDeactivated e) {
                return run("""
                        INSERT INTO routing_menu (partner_id, menu_id, active) VALUES ($1, $2, false)
                        ON CONFLICT (partner_id, menu_id) DO UPDATE SET active = false""", partner, e.menuId());
            }
            if (event instanceof VirtualAgentCreated e) {
                return virtualAgentName(e.virtualAgentId(), e.name());
            }
            if (event instanceof VirtualAgentUpdated e) {
                return virtualAgentName(e.virtualAgentId(), e.name());
            }
            if (event instanceof VirtualAgentUpdatedV1 e) {
                return e.after().containsKey("name")
                        ? virtualAgentName(e.virtualAgentId(), (String) e.after().get("name")) : done();
            }
            if (event instanceof VirtualAgentDeactivated e) {
                return run("""
                        INSERT INTO routing_virtual_agent (partner_id, virtual_agent_id, active) VALUES ($1, $2, false)
                        ON CONFLICT (partner_id, virtual_agent_id) DO UPDATE SET active = false""",
                        partner, e.virtualAgentId());
            }
            if (event instanceof CallQueued e) {
                return queue(WorkKind.CALL, e.callId(), e.menuId(), Trigger.QUEUED, null, e.queuedAt());
            }
            if (event instanceof CallConnecting e) {
                return takenBy(WorkKind.CALL, e.callId(), e.agentId(), "assigned");
            }
            if (event instanceof CallConnected e) {
                return takenBy(WorkKind.CALL, e.callId(), e.agentId() == null ? NOBODY : e.agentId(), "assigned");
            }
            if (event instanceof CallEnded e) {
                return takenBy(WorkKind.CALL, e.callId(), NOBODY, "closed");
            }
            if (event instanceof ChatCreated e) {
                return run("""
                        INSERT INTO routing_work (partner_id, kind, work_id, menu_id, state, trigger, request_id, queued_at)
                        VALUES ($1, 'chat', $2, $3, 'pending', 'created', $4, $5)
                        ON CONFLICT DO NOTHING""", partner, e.chatId(), e.menuId(), eventId, at(e.createdAt()));
            }
            if (event instanceof EscalationRequested e) {
                return queue(WorkKind.CHAT, e.chatId(), null, Trigger.ESCALATED, e.escalationId(), e.requestedAt());
            }
            if (event instanceof ChatReleased e) {
                return queue(WorkKind.CHAT, e.chatId(), null, Trigger.RELEASED, null, e.releasedAt());
            }
            if (event instanceof ChatFinished e) {
                return takenBy(WorkKind.CHAT, e.chatId(), NOBODY, "closed");
            }
            if (event instanceof ChatAssigned e) {
                return takenBy(WorkKind.CHAT, e.chatId(), "agent".equals(e.assigneeType()) ? e.assigneeId() : NOBODY,
                        "assigned");
            }
            if (event instanceof ChatClaimed e) {
                return takenBy(WorkKind.CHAT, e.chatId(), e.agentId(), "claimed");
            }
            return done();
        }

        /**
         * A status change ends the agent's reservation (the work it was waiting for has shown up, or the
         * agent moved on) and sets idle_since when the agent becomes available. A change older than
         * the one already applied is ignored, so statuses converge in any order.
         */
        private Uni<Void> status(AgentStatusChanged e) {
            return run("""
                    INSERT INTO routing_agent AS a (partner_id, agent_id, status, status_at, idle_since)
                    VALUES ($1, $2, $3::text, $4::timestamptz, CASE WHEN $3::text = 'available' THEN $4::timestamptz END)
                    ON CONFLICT (partner_id, agent_id) DO UPDATE SET
                        status = excluded.status,
                        status_at = excluded.status_at,
                        idle_since = CASE WHEN excluded.status <> 'available' THEN NULL
                                          WHEN a.status = 'available' AND a.idle_since IS NOT NULL THEN a.idle_since
                                          ELSE excluded.status_at END,
                        reserved_kind = NULL, reserved_work_id = NULL, reserved_at = NULL
                    WHERE a.status_at IS NULL OR a.status_at <= excluded.status_at""",
                    partner, e.agentId(), e.status(), at(e.changedAt()));
        }

        private Uni<Void> membership(long teamId, long agentId, boolean member, Instant changedAt) {
            return run("""
                    INSERT INTO routing_team_member AS m (partner_id, team_id, agent_id, member, changed_at)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (partner_id, team_id, agent_id) DO UPDATE
                        SET member = excluded.member, changed_at = excluded.changed_at
                    WHERE m.changed_at <= excluded.changed_at""",
                    partner, teamId, agentId, member, at(changedAt));
        }

        private Uni<Void> menu(long menuId, String name, String channel, List<Long> teamIds, Long virtualAgentId) {
            return run("""
                    INSERT INTO routing_menu (partner_id, menu_id, name, channel, team_ids, virtual_agent_id)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (partner_id, menu_id) DO UPDATE SET name = excluded.name, channel = excluded.channel,
                        team_ids = excluded.team_ids, virtual_agent_id = excluded.virtual_agent_id""",
                    partner, menuId, name, channel, teamIds.toArray(Long[]::new), virtualAgentId);
        }

        private Uni<Void> virtualAgentName(long virtualAgentId, String name) {
            return run("""
                    INSERT INTO routing_virtual_agent (partner_id, virtual_agent_id, name) VALUES ($1, $2, $3)
                    ON CONFLICT (partner_id, virtual_agent_id) DO UPDATE SET name = excluded.name""",
                    partner, virtualAgentId, name);
        }

        /**
         * The work asks to be routed (again). A chat keeps the menu it was created with; an
         * escalation or release of a finished chat changes nothing.
         */
        private Uni<Void> queue(WorkKind kind, long workId, Long menuId, Trigger trigger, Long escalationId,
                                Instant queuedAt) {
            return run("""
                    INSERT INTO routing_work AS w (partner_id, kind, work_id, menu_id, state, trigger, escalation_id,
                                                   request_id, queued_at)
                    VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8)
                    ON CONFLICT (partner_id, kind, work_id) DO UPDATE SET
                        menu_id = coalesce(excluded.menu_id, w.menu_id), state = 'pending', trigger = excluded.trigger,
                        escalation_id = excluded.escalation_id, request_id = excluded.request_id,
                        queued_at = excluded.queued_at, assignee_type = NULL, assignee_id = NULL,
                        assignee_name = NULL, team_id = NULL, routing_at = NULL
                    WHERE w.state <> 'closed' OR excluded.kind = 'call'""",
                    partner, kind.value(), workId, menuId, trigger.value(), escalationId, eventId, at(queuedAt));
        }

        /**
         * Someone ({@code agentId}, or nobody) has the work now, or it ended: it no longer waits, and
         * agents reserved for it who did not get it are free again.
         */
        private Uni<Void> takenBy(WorkKind kind, long workId, long agentId, String state) {
            return run("""
                    UPDATE routing_work SET state = $4
                    WHERE partner_id = $1 AND kind = $2 AND work_id = $3 AND state <> 'closed'""",
                    partner, kind.value(), workId, state)
                    .chain(() -> run("""
                            UPDATE routing_agent SET reserved_kind = NULL, reserved_work_id = NULL, reserved_at = NULL
                            WHERE partner_id = $1 AND reserved_kind = $2 AND reserved_work_id = $3 AND agent_id <> $4""",
                            partner, kind.value(), workId, agentId));
        }

        private Uni<Void> agentName(long agentId, String name) {
            return run("""
                    INSERT INTO routing_agent (partner_id, agent_id, name) VALUES ($1, $2, $3)
                    ON CONFLICT (partner_id, agent_id) DO UPDATE SET name = excluded.name""", partner, agentId, name);
        }

        private Uni<Void> run(String sql, Object... values) {
            return conn.preparedQuery(sql).execute(params(values)).replaceWithVoid();
        }

        private static Uni<Void> done() {
            return Uni.createFrom().voidItem();
        }
    }
}
