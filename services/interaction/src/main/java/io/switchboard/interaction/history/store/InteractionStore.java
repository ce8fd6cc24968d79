package io.switchboard.interaction.history.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.InteractionEvents;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.CommandResult;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.history.domain.Interaction;
import io.switchboard.interaction.history.domain.InteractionCommand;
import io.switchboard.interaction.history.domain.InteractionCommand.Start;
import io.switchboard.interaction.history.domain.InteractionDecider;
import io.switchboard.interaction.history.domain.InteractionStatus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/**
 * Interactions through the event store, always on behalf of one partner and one of its accounts.
 * The read side folds an interaction's events; the unique-id and caller-attribute indexes
 * (V60, filled by a trigger in the append's own transaction) only say which stream to fold.
 */
@ApplicationScoped
public class InteractionStore {
    /** The partial unique index that keeps a unique id to one active interaction per account. */
    static final String ACTIVE_UNIQUE_ID = "interaction_unique_ids_active";
    private static final int MAX_ALLOCATION_ATTEMPTS = 30;

    private static final String BY_UNIQUE_ID = """
            SELECT interaction_id FROM interaction_unique_ids
            WHERE partner_id = $1 AND account_id = $2 AND unique_id = $3
            ORDER BY ended_at IS NULL DESC, started_at DESC, interaction_id DESC LIMIT 1""";

    private static final String BY_ATTRIBUTE = """
            SELECT u.interaction_id FROM interaction_unique_ids u
            JOIN interaction_caller_attributes a ON a.interaction_id = u.interaction_id
            WHERE a.partner_id = $1 AND a.account_id = $2 AND a.attribute = $3 AND a.value = $4
            ORDER BY u.ended_at IS NULL DESC, u.started_at DESC, u.interaction_id DESC LIMIT 1""";

    /** Any caller attribute or the DTMF code (the unique id); active ones only unless the search is wider. */
    private static final String BY_ANY_ATTRIBUTE = """
            SELECT u.interaction_id FROM interaction_unique_ids u
            WHERE u.partner_id = $1 AND u.account_id = $2 AND ($4 OR u.ended_at IS NULL)
              AND (u.unique_id = $3 OR EXISTS (
                    SELECT 1 FROM interaction_caller_attributes a
                    WHERE a.partner_id = $1 AND a.account_id = $2 AND a.value = $3
                      AND a.interaction_id = u.interaction_id))
            ORDER BY u.ended_at IS NULL DESC, u.started_at DESC, u.interaction_id DESC LIMIT 1""";

    private final CommandHandler<InteractionCommand, Interaction, DomainEvent> interactions;
    private final Pool pool;
    private final SecureRandom random = new SecureRandom();
    private final long uniqueIdLow;
    private final long uniqueIdSpan;

    public InteractionStore(EventStore store, Pool pool,
                            @ConfigProperty(name = "switchboard.interaction.unique-id-digits", defaultValue = "6")
                            int uniqueIdDigits) {
        this.interactions = new CommandHandler<>(store, new InteractionDecider(), DomainEvent.class);
        this.pool = pool;
        if (uniqueIdDigits < 2 || uniqueIdDigits > 18) {
            throw new IllegalArgumentException("switchboard.interaction.unique-id-digits must be 2..18");
        }
        this.uniqueIdLow = pow10(uniqueIdDigits - 1);
        this.uniqueIdSpan = pow10(uniqueIdDigits) - uniqueIdLow;
    }

    /**
     * Starts an interaction with the requested unique id, or with a free random one. A requested id
     * that an active interaction of the account holds is refused (409); a random one that collides
     * is drawn again. The partial unique index decides, so concurrent starts cannot share an id.
     */
    public Uni<Interaction> start(String partnerId, String accountId, String requestedUniqueId, String dialledNumber,
                                  Map<String, String> callerAttributes, Instant now) {
        return pool.query("SELECT nextval('interaction_id_seq')").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(id -> attemptStart(partnerId, accountId, id, requestedUniqueId, dialledNumber,
                        callerAttributes, now, 1));
    }

    private Uni<Interaction> attemptStart(String partnerId, String accountId, long id, String requested,
                                          String dialledNumber, Map<String, String> attributes, Instant now,
                                          int attempt) {
        String uniqueId = requested != null ? requested : randomUniqueId();
        Start start = new Start(Long.toString(id), accountId, uniqueId, dialledNumber, attributes, now);
        return interactions.handle(partnerId, stream(id), start, EventContext.none()).map(CommandResult::state)
                .onFailure(InteractionStore::uniqueIdTaken).recoverWithUni(taken -> {
                    if (requested != null) {
                        return Uni.createFrom().failure(new IllegalTransitionException(InteractionStatus.ACTIVE.value(),
                                "unique id " + requested + " is in use by an active interaction of account " + accountId));
                    }
                    if (attempt >= MAX_ALLOCATION_ATTEMPTS) {
                        return Uni.createFrom().failure(taken);
                    }
                    return attemptStart(partnerId, accountId, id, null, dialledNumber, attributes, now, attempt + 1);
                });
    }

    /** Runs a command on the interaction the unique id names (the active one, else the latest). */
    public Uni<CommandResult<Interaction>> handle(String partnerId, String accountId, String uniqueId,
                                                 InteractionCommand command) {
        return resolve(partnerId, accountId, uniqueId)
                .flatMap(id -> interactions.handle(partnerId, stream(id), command, EventContext.none()));
    }

    /** The interaction of the account with this unique id: the active one, else the latest that ended. */
    public Uni<Interaction> find(String partnerId, String accountId, String uniqueId) {
        return resolve(partnerId, accountId, uniqueId).flatMap(id -> load(partnerId, id));
    }

    /** The interaction a caller attribute value points to, whatever the attribute; see {@code BY_ANY_ATTRIBUTE}. */
    public Uni<Interaction> findByCallerAttribute(String partnerId, String accountId, String value, boolean wider) {
        return pool.preparedQuery(BY_ANY_ATTRIBUTE).execute(Tuple.of(partnerId, accountId, value, wider))
                .map(rows -> first(rows, "caller attribute", value))
                .flatMap(id -> load(partnerId, id));
    }

    /** The interaction a named caller attribute (as stored, e.g. call_return_number) points to: active first, else the latest. */
    public Uni<Interaction> findByAttribute(String partnerId, String accountId, String attribute, String value) {
        return pool.preparedQuery(BY_ATTRIBUTE).execute(Tuple.of(partnerId, accountId, attribute, value))
                .map(rows -> first(rows, attribute, value))
                .flatMap(id -> load(partnerId, id));
    }

    /** Checks the command against the current state without writing: to refuse a photo before storing its bytes. */
    public Uni<Interaction> precheck(String partnerId, String accountId, String uniqueId, InteractionCommand command) {
        return find(partnerId, accountId, uniqueId).invoke(state -> new InteractionDecider().decide(command, state));
    }

    private Uni<Interaction> load(String partnerId, long id) {
        return interactions.current(partnerId, stream(id)).map(CommandResult::state).invoke(state -> {
            if (!state.exists()) {
                throw new AggregateNotFoundException("interaction", Long.toString(id));
            }
        });
    }

    private Uni<Long> resolve(String partnerId, String accountId, String uniqueId) {
        return pool.preparedQuery(BY_UNIQUE_ID).execute(Tuple.of(partnerId, accountId, uniqueId))
                .map(rows -> first(rows, "interaction", uniqueId));
    }

    private static long first(RowSet<Row> rows, String what, String key) {
        if (rows.size() == 0) {
            throw new AggregateNotFoundException(what, key);
        }
        return rows.iterator().next().getLong(0);
    }

    private String randomUniqueId() {
        return Long.toString(uniqueIdLow + (long) (random.nextDouble() * uniqueIdSpan));
    }

    private static boolean uniqueIdTaken(Throwable failure) {
        return failure instanceof ConcurrencyConflictException conflict
                && conflict.getCause() instanceof PgException pg && ACTIVE_UNIQUE_ID.equals(pg.getConstraint());
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    static StreamId stream(long id) {
        return StreamId.of(InteractionEvents.AGGREGATE_TYPE, id);
    }
}
