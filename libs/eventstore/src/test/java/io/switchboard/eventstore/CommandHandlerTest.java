package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.CommandResult;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
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
        tabs = new CommandHandler<>(store, Tab.DECIDER, Tab.Event.class, 100);
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
