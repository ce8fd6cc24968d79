package io.switchboard.e2e.faults;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The read models fed from the event stores through Debezium and Kafka (libs/consumer), each with the
 * database that holds its {@code consumer_applied_streams} rows, the event stores whose topics it reads,
 * and which events it applies (records a position for). The predicates restate the services' own
 * filters; if a service starts or stops applying a type, the suite reports positions "applied, not
 * expected" or "lost" naming it, so the two cannot drift apart silently.
 */
enum ReadModel {
    /**
     * Reporting's projections (services/reporting {@code BatchProjector}): every event of the chat, interaction,
     * media and redaction topics (redaction's {@code MessageRedacted} feeds {@code chat_messages}).
     */
    REPORTING("reporting", "reporting", List.of("chat", "interaction", "media", "redaction"), event -> true),
    /** Interaction's router (services/interaction {@code RoutingReadModel.relevant}). */
    ROUTING("interaction", "routing", List.of("interaction", "chat"), ReadModel::routing),
    /** Interaction's agent status following the work (services/interaction {@code WorkEvents.relevant}). */
    AGENT_STATUS("interaction", "agent-status", List.of("interaction", "chat"), ReadModel::work),
    /** Chat's directory and the router's decisions (services/chat {@code InteractionEventsConsumer}, {@code DirectoryProjection.handles}). */
    CHAT("chat", "chat", List.of("interaction"), ReadModel::chat),
    /** Media's owners of chats and calls, which uploads are checked against (services/media {@code OwnersConsumer}). */
    MEDIA("media", "media", List.of("chat", "interaction"), event -> event instanceof ChatCreated || event instanceof CallCreated);

    /** The database holding the read model's applied positions. */
    final String database;
    /** Its name in {@code consumer_applied_streams.read_model}. */
    final String name;
    /** The services whose event stores (topics {@code switchboard.<service>}) it consumes. */
    final List<String> sources;
    private final Predicate<DomainEvent> applies;

    ReadModel(String database, String name, List<String> sources, Predicate<DomainEvent> applies) {
        this.database = database;
        this.name = name;
        this.sources = sources;
        this.applies = applies;
    }

    /** Whether this read model applies the event, written to the event store of {@code source}. */
    boolean applies(String source, DomainEvent event) {
        return sources.contains(source) && applies.test(event);
    }

    /** The databases holding read models (and their dead letters). */
    static Set<String> databases() {
        return Set.of("reporting", "interaction", "chat", "media");
    }

    private static boolean routing(DomainEvent event) {
        return event instanceof AgentCreated || event instanceof AgentUpdated || event instanceof AgentDeactivated
                || event instanceof AgentStatusChanged || event instanceof TeamCreated || event instanceof TeamDeactivated
                || event instanceof TeamMemberAdded || event instanceof TeamMemberRemoved || event instanceof MenuCreated
                || event instanceof MenuUpdated || event instanceof MenuDeactivated || event instanceof VirtualAgentCreated
                || event instanceof VirtualAgentUpdated || event instanceof VirtualAgentDeactivated
                || event instanceof CallQueued || event instanceof CallConnecting || event instanceof CallConnected
                || event instanceof CallEnded || event instanceof ChatCreated || event instanceof EscalationRequested
                || event instanceof ChatReleased || event instanceof ChatFinished || event instanceof ChatAssigned
                || event instanceof ChatClaimed;
    }

    private static boolean work(DomainEvent event) {
        return event instanceof CallConnected connected && connected.agentId() != null
                || event instanceof ParticipantJoined joined && "agent".equals(joined.participantType()) && joined.userId() != null
                || event instanceof ParticipantLeft || event instanceof CallEnded
                || event instanceof ChatAssigned assigned && "agent".equals(assigned.assigneeType())
                || event instanceof ChatFinished;
    }

    /** Every typed directory event changes the chat's copy (services/chat {@code DirectoryCopyProjection}). */
    private static boolean chat(DomainEvent event) {
        return event instanceof ChatRouted
                || event instanceof AgentCreated || event instanceof AgentUpdated || event instanceof AgentStatusChanged
                || event instanceof AgentDeactivated
                || event instanceof VirtualAgentCreated || event instanceof VirtualAgentUpdated || event instanceof VirtualAgentDeactivated
                || event instanceof MenuCreated || event instanceof MenuUpdated || event instanceof MenuDeactivated
                || event instanceof TeamCreated || event instanceof TeamDeactivated;
    }
}
