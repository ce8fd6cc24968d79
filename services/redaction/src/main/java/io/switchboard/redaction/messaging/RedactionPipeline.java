package io.switchboard.redaction.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.Batch;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.eventstore.EventContext;
import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.ChatSession;
import io.switchboard.redaction.domain.MessageAnalyzer;
import io.switchboard.redaction.domain.MessageRedaction;
import io.switchboard.redaction.domain.PartnerPolicy;
import io.switchboard.redaction.store.ChatSessions;
import io.switchboard.redaction.store.DirectoryNames;
import io.switchboard.redaction.store.PolicyStore;
import io.switchboard.redaction.store.RedactedMessages;
import io.switchboard.redaction.store.RedactionStreams;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The redaction pipeline, a polled batch at a time (libs/consumer loop {@code redaction}, read model
 * {@code redaction}):
 * <ul>
 *   <li>{@code ChatCreated}, {@code ChatAssigned} keep the chat's session facts ({@link ChatSessions});</li>
 *   <li>{@code MessageSent} is analysed in this thread's memory — the only place its text ever is — and
 *       becomes {@code MessageRedacted} in the chat's stream of the event store and a row of
 *       {@code redacted_messages};</li>
 *   <li>menu and agent events of the directory keep the names the answers show ({@link DirectoryNames}).</li>
 * </ul>
 * At-least-once delivery, exactly-once effect: the batch's stream positions (libs/consumer
 * {@link AppliedPositions}) and all of their effects commit in ONE transaction, so a redelivered event changes
 * nothing. The texts are analysed first, on the loop's thread and outside the transaction (CPU work must not
 * run on the database client's event loop); the transaction then applies the batch's fresh events in order.
 * One transaction per batch instead of one per event: an event at a time cost ≈ 21 ms per message on the
 * shared 2-core machine and the pipeline fell behind at 46–55 messages/s (bench {@code RedactionEndToEndBenchmark}). A failure is retried by the loop; an analyzer that fails on a text (a custom regex over its step
 * budget, a bug) is not retried — it would fail again and hold every partner's messages behind it — the
 * message is recorded fully masked instead, and a warning names the message, never its content.
 */
@ApplicationScoped
public class RedactionPipeline {
    public static final String READ_MODEL = "redaction";
    private static final Logger LOG = Logger.getLogger(RedactionPipeline.class);
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Pool pool;
    private final MessageAnalyzer analyzer;
    private final PolicyStore policies;
    private final ChatSessions sessions;
    private final DirectoryNames directory;
    private final RedactedMessages messages;
    private final RedactionStreams streams;
    private final Clock clock;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public RedactionPipeline(Pool pool, MessageAnalyzer analyzer, PolicyStore policies, ChatSessions sessions,
                             DirectoryNames directory, RedactedMessages messages, RedactionStreams streams, Clock clock) {
        this.pool = pool;
        this.analyzer = analyzer;
        this.policies = policies;
        this.sessions = sessions;
        this.directory = directory;
        this.messages = messages;
        this.streams = streams;
        this.clock = clock;
    }

    /** Whether the pipeline does anything with the event. */
    static boolean relevant(Object data) {
        return data instanceof MessageSent || data instanceof ChatCreated || data instanceof ChatAssigned
                || data instanceof MenuCreated || data instanceof MenuUpdated || data instanceof MenuUpdatedV1
                || data instanceof AgentCreated || data instanceof AgentUpdated || data instanceof AgentUpdatedV1;
    }

    /**
     * Applies a batch once, on the loop's own thread (it blocks). Returns how many of its events were applied
     * now (the others had been applied before, or mean nothing here).
     */
    public int apply(Batch batch) {
        List<EventEnvelope> relevant = batch.events().stream().filter(e -> relevant(e.data())).toList();
        if (relevant.isEmpty()) {
            return 0;
        }
        Map<EventEnvelope, Analysis> analyses = analyse(relevant);
        return pool.withTransaction(tx -> positions.record(tx, relevant).chain(fresh -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (EventEnvelope e : fresh) {
                chain = chain.chain(() -> e.data() instanceof MessageSent sent
                        ? message(tx, e, sent, analyses.get(e))
                        : fact(tx, e));
            }
            return chain.replaceWith(fresh.size());
        })).await().atMost(TIMEOUT);
    }

    /**
     * Analyses every message of the batch. The chat's language (the analysis' hint) is the one stored before
     * the batch, or the one of a {@code ChatCreated} earlier in the batch: a chat's events share a partition,
     * so its creation always precedes its messages.
     */
    private Map<EventEnvelope, Analysis> analyse(List<EventEnvelope> events) {
        Map<EventEnvelope, Analysis> analyses = new IdentityHashMap<>();
        Map<String, Optional<String>> langs = new HashMap<>();
        for (EventEnvelope e : events) {
            String chat = e.partnerId() + "/";
            if (e.data() instanceof ChatCreated created) {
                langs.put(chat + created.chatId(), Optional.ofNullable(ChatSession.created(created).lang()));
            } else if (e.data() instanceof MessageSent sent) {
                Optional<String> lang = langs.computeIfAbsent(chat + sent.chatId(), k -> sessions.find(e.partnerId(), sent.chatId())
                        .await().atMost(TIMEOUT).map(ChatSession::lang));
                PartnerPolicy policy = policies.policy(e.partnerId()).await().atMost(TIMEOUT);
                analyses.put(e, analyse(e, sent, lang.orElse(null), policy));
            }
        }
        return analyses;
    }

    private Uni<Void> message(SqlConnection tx, EventEnvelope envelope, MessageSent sent, Analysis analysis) {
        String partner = envelope.partnerId();
        EventContext context = new EventContext(envelope.eventId(), envelope.correlationId(), Map.of());
        return sessions.find(tx, partner, sent.chatId()).chain(found -> {
            ChatSession session = found.orElse(ChatSession.unknown(sent.chatId()));
            MessageRedacted redacted = MessageRedaction.redacted(sent, session, analysis,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return sessions.touched(tx, partner, sent.chatId(), envelope.occurredAt())
                    .chain(() -> streams.append(tx, partner, redacted, context))
                    .chain(() -> messages.insert(tx, partner, redacted));
        });
    }

    private Analysis analyse(EventEnvelope envelope, MessageSent sent, String lang, PartnerPolicy policy) {
        String text = sent.text() == null ? "" : sent.text();
        if (text.length() > Analysis.MAX_TEXT_LENGTH) {
            // The chat service accepts 10,000 characters; anything longer did not come from it. Masked whole:
            // analysing only a part would leave the rest stored unexamined.
            LOG.warnf("message %d of chat %d (partner %s) has %d characters, more than %d: recorded fully masked",
                    sent.messageId(), sent.chatId(), envelope.partnerId(), text.length(), Analysis.MAX_TEXT_LENGTH);
            return Analysis.fullyMasked(text.length(), lang, policy.maskStyle());
        }
        try {
            return analyzer.analyze(text, lang, policy);
        } catch (RuntimeException | StackOverflowError e) {
            // The class only: an exception's message may quote the text.
            LOG.warnf("message %d of chat %d (partner %s) could not be analysed (%s): recorded fully masked",
                    sent.messageId(), sent.chatId(), envelope.partnerId(), e.getClass().getName());
            return Analysis.fullyMasked(text.length(), lang, policy.maskStyle());
        }
    }

    private Uni<Void> fact(SqlConnection tx, EventEnvelope envelope) {
        String partner = envelope.partnerId();
        Instant at = envelope.occurredAt();
        Object data = envelope.data();
        if (data instanceof ChatCreated created) {
            return sessions.created(tx, partner, ChatSession.created(created), at);
        }
        if (data instanceof ChatAssigned assigned) {
            return sessions.assigned(tx, partner, assigned.chatId(), assigned.assigneeType(), assigned.assigneeId(),
                    assigned.assigneeName(), assigned.segment(), at);
        }
        if (data instanceof MenuCreated menu) {
            return directory.menu(tx, partner, menu.menuId(), menu.name());
        }
        if (data instanceof MenuUpdated menu) {
            return directory.menu(tx, partner, menu.menuId(), menu.name());
        }
        if (data instanceof MenuUpdatedV1 menu) {
            return directory.menu(tx, partner, menu.menuId(), menu.name());
        }
        if (data instanceof AgentCreated agent) {
            return directory.agent(tx, partner, agent.agentId(), agent.name(), agent.email());
        }
        if (data instanceof AgentUpdated agent) {
            return directory.agent(tx, partner, agent.agentId(), agent.name(), agent.email());
        }
        AgentUpdatedV1 agent = (AgentUpdatedV1) data;
        Map<String, Object> after = agent.after();
        return directory.agent(tx, partner, agent.agentId(), (String) after.get("name"), (String) after.get("email"));
    }
}
