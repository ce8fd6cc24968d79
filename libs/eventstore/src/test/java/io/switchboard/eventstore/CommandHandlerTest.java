package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.CommandResult;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.StreamLocks;
import io.switchboard.events.DomainEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandHandlerTest {
    private static EventStoreDatabase db;
    private static EventStore store;
    private static CommandHandler<Tab.Command, Tab.State, Tab.Event> tabs;

    @BeforeAll
    static void start() {
        db = new EventStoreDatabase("eventstore_test", 20);
        store = db.store();
        tabs = new CommandHandler<>(store, Tab.DECIDER, Tab.Event.class);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static StreamId newTab() {
        return new StreamId("tab", UUID.randomUUID().toString());
    }

    private static CommandResult<Tab.State> run(StreamId tab, Tab.Command command) {
        return tabs.handle("acme", tab, command, EventContext.none()).await().indefinitely();
    }

    @Test
    void aCommandIsDecidedOnTheFoldedStateAndItsEventsAppended() {
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));
        run(tab, new Tab.Add(5));
        run(tab, new Tab.Add(7));

        CommandResult<Tab.State> closed = run(tab, new Tab.Close());

        assertThat(closed.state()).isEqualTo(new Tab.State(true, false, 12));
        assertThat(closed.version()).isEqualTo(4);
        assertThat(closed.events()).extracting(EventEnvelope::data).containsExactly(new Tab.Closed(12));
        assertThat(tabs.current("acme", tab).await().indefinitely().state()).isEqualTo(closed.state());
    }

    @Test
    void rejectedCommandsWriteNothing() {
        StreamId tab = newTab();
        assertThatThrownBy(() -> run(tab, new Tab.Open(" "))).isInstanceOfSatisfying(InvalidCommandException.class,
                rejected -> assertThat(rejected.field()).isEqualTo("owner"));
        assertThatThrownBy(() -> run(tab, new Tab.Add(1))).isInstanceOf(AggregateNotFoundException.class);
        assertThat(db.rowCount(tab)).isZero();

        run(tab, new Tab.Open("ann"));
        run(tab, new Tab.Close());
        assertThatThrownBy(() -> run(tab, new Tab.Add(1))).isInstanceOfSatisfying(IllegalTransitionException.class,
                rejected -> assertThat(rejected.currentStatus()).isEqualTo("closed"));
        assertThatThrownBy(() -> run(tab, new Tab.Add(-1))).isInstanceOf(IllegalTransitionException.class);
        assertThat(db.rowCount(tab)).isEqualTo(2);
    }

    @Test
    void anotherPartnersAggregateIsNotFound() {
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));

        assertThatThrownBy(() -> tabs.handle("globex", tab, new Tab.Add(1), EventContext.none()).await().indefinitely())
                .isInstanceOf(AggregateNotFoundException.class);
        assertThatThrownBy(() -> tabs.handle("globex", tab, new Tab.Open("eve"), EventContext.none()).await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    @Test
    void retrySafeCommandsAllLandWhenTheyRace() {
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));

        List<Uni<CommandResult<Tab.State>>> adds = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> tabs.handle("acme", tab, new Tab.Add(i), EventContext.none()))
                .toList();
        Uni.join().all(adds).andFailFast().await().indefinitely();

        Tab.State state = tabs.current("acme", tab).await().indefinitely().state();
        assertThat(state.total()).isEqualTo(210);
        assertThat(store.load("acme", tab).await().indefinitely().events()).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 21).mapToObj(Long::valueOf).toList());
    }

    @Test
    void commandsThatAreNotRetrySafeSurfaceTheConflict() {
        StreamId tab = newTab();
        List<Uni<Object>> opens = IntStream.range(0, 10)
                .mapToObj(i -> tabs.handle("acme", tab, new Tab.Open("owner-" + i), EventContext.none())
                        .<Object>map(result -> result)
                        .onFailure().recoverWithItem(failure -> failure))
                .toList();

        List<Object> outcomes = Uni.join().all(opens).andFailFast().await().indefinitely();

        assertThat(outcomes).filteredOn(CommandResult.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof CommandResult)).hasSize(9)
                .allSatisfy(o -> assertThat(o).isInstanceOfAny(ConcurrencyConflictException.class, IllegalTransitionException.class));
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    @Test
    void withinOneInstanceTheCommandsOfAStreamRunInArrivalOrderAndNeverConflict() {
        CountingStore counting = new CountingStore(db);
        CommandHandler<Tab.Command, Tab.State, Tab.Event> handler = new CommandHandler<>(counting, Tab.DECIDER,
                Tab.Event.class, CommandHandler.DEFAULT_RETRY_BUDGET, StreamLocks.separate());
        StreamId tab = newTab();
        handler.handle("acme", tab, new Tab.Open("ann"), EventContext.none()).await().indefinitely();

        List<Uni<CommandResult<Tab.State>>> adds = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> handler.handle("acme", tab, new Tab.Add(i), EventContext.none()))
                .toList();
        Uni.join().all(adds).andFailFast().await().indefinitely();

        assertThat(counting.conflicts.get()).isZero();
        List<EventEnvelope> events = store.load("acme", tab).await().indefinitely().events();
        assertThat(events.subList(1, events.size())).extracting(EventEnvelope::data)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(Tab.Added::new).toList());
    }

    @Test
    void retrySafeCommandsOfSeveralInstancesAllLandOnAGaplessStream() {
        List<CommandHandler<Tab.Command, Tab.State, Tab.Event>> instances = IntStream.range(0, 3)
                .mapToObj(i -> new CommandHandler<>(store, Tab.DECIDER, Tab.Event.class,
                        CommandHandler.DEFAULT_RETRY_BUDGET, StreamLocks.separate()))
                .toList();
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));

        List<Uni<CommandResult<Tab.State>>> adds = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> instances.get(i % 3).handle("acme", tab, new Tab.Add(i), EventContext.none()))
                .toList();
        Uni.join().all(adds).andFailFast().await().indefinitely();

        assertThat(tabs.current("acme", tab).await().indefinitely().state().total()).isEqualTo(60 * 61 / 2);
        assertThat(store.load("acme", tab).await().indefinitely().events()).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 61).mapToObj(Long::valueOf).toList());
    }

    @Test
    void aRetrySafeCommandThatKeepsLosingGivesUpWhenItsBudgetIsSpent() {
        AlwaysConflicting losing = new AlwaysConflicting(db);
        CommandHandler<Tab.Command, Tab.State, Tab.Event> handler = new CommandHandler<>(losing, Tab.DECIDER,
                Tab.Event.class, Duration.ofMillis(500), StreamLocks.separate());
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> handler.handle("acme", tab, new Tab.Add(1), EventContext.none()).await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Bounded by time, not by a count: how many attempts fit in the budget depends on the machine.
        assertThat(losing.attempts.get()).as("retried with back-off, not once and not endlessly").isBetween(2, 500);
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThatThrownBy(() -> handler.handle("acme", tab, new Tab.Close(), EventContext.none()).await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(losing.attempts.get()).as("a command that is not retry-safe is tried once")
                .isEqualTo(losing.attemptsBefore + 1);
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    @Test
    void commandsThatAreNotRetrySafeSurfaceTheConflictAcrossInstances() {
        StreamId tab = newTab();
        List<Uni<Object>> opens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CommandHandler<Tab.Command, Tab.State, Tab.Event> instance = new CommandHandler<>(store, Tab.DECIDER,
                    Tab.Event.class, CommandHandler.DEFAULT_RETRY_BUDGET, StreamLocks.separate());
            opens.add(instance.handle("acme", tab, new Tab.Open("owner-" + i), EventContext.none())
                    .<Object>map(result -> result)
                    .onFailure().recoverWithItem(failure -> failure));
        }

        List<Object> outcomes = Uni.join().all(opens).andFailFast().await().indefinitely();

        assertThat(outcomes).filteredOn(CommandResult.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof CommandResult)).hasSize(9)
                .allSatisfy(o -> assertThat(o).isInstanceOfAny(ConcurrencyConflictException.class, IllegalTransitionException.class));
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    /** Counts the appends that lost a race. */
    private static final class CountingStore extends EventStore {
        final AtomicInteger conflicts = new AtomicInteger();

        CountingStore(EventStoreDatabase db) {
            super(db.pool, EventStoreDatabase.CODEC);
        }

        @Override
        public Uni<AppendResult> append(String partnerId, StreamId streamId, long expectedVersion,
                                        List<? extends DomainEvent> events, EventContext context) {
            return super.append(partnerId, streamId, expectedVersion, events, context)
                    .onFailure(ConcurrencyConflictException.class).invoke(conflicts::incrementAndGet);
        }
    }

    /** Another instance always got there first. */
    private static final class AlwaysConflicting extends EventStore {
        final AtomicInteger attempts = new AtomicInteger();
        int attemptsBefore;

        AlwaysConflicting(EventStoreDatabase db) {
            super(db.pool, EventStoreDatabase.CODEC);
        }

        @Override
        public Uni<AppendResult> append(String partnerId, StreamId streamId, long expectedVersion,
                                        List<? extends DomainEvent> events, EventContext context) {
            attemptsBefore = attempts.getAndIncrement();
            return Uni.createFrom().failure(new ConcurrencyConflictException(streamId, expectedVersion, expectedVersion + 1, null));
        }
    }

    @Test
    void aCommandWithinACallersTransactionCommitsAndRollsBackWithIt() {
        StreamId tab = newTab();
        run(tab, new Tab.Open("ann"));

        CommandResult<Tab.State> committed = db.pool.withTransaction(tx ->
                tabs.within(tx).handle("acme", tab, new Tab.Add(2), EventContext.none())).await().indefinitely();
        assertThatThrownBy(() -> db.pool.withTransaction(tx -> tabs.within(tx)
                .handle("acme", tab, new Tab.Add(40), EventContext.none())
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the caller's other write failed"))))
                .await().indefinitely()).hasMessageContaining("other write failed");

        assertThat(committed.state().total()).isEqualTo(2);
        assertThat(tabs.current("acme", tab).await().indefinitely().state().total()).isEqualTo(2);
        assertThat(tabs.current("acme", tab).await().indefinitely().version()).isEqualTo(2);
    }
}
