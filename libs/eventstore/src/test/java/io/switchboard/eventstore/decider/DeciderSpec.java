package io.switchboard.eventstore.decider;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Given events, when a command, then events or a rejection: the one shape of every decider test
 * (published in this module's test-jar). The givens are literal events, written out by the test, never
 * produced by the decider under test: a decide bug then cannot hide in the history it is tested on.
 *
 * <pre>{@code
 * DeciderSpec<CallCommand, Call, DomainEvent> spec = DeciderSpec.of(new CallDecider());
 * spec.given(created, queued).when(new Ring(21L, t(10), t(10))).then(new CallConnecting(1000, 21L, t(10)));
 * spec.given(created).when(new Hold(null, t(5))).thenIllegal("queued");
 * }</pre>
 */
public final class DeciderSpec<C, S, E> {
    private final Decider<C, S, E> decider;

    private DeciderSpec(Decider<C, S, E> decider) {
        this.decider = decider;
    }

    public static <C, S, E> DeciderSpec<C, S, E> of(Decider<C, S, E> decider) {
        return new DeciderSpec<>(decider);
    }

    /** The history the command is decided on (none: the aggregate does not exist). */
    @SafeVarargs
    public final Given given(E... events) {
        return new Given(Arrays.asList(events));
    }

    public Given given(List<? extends E> events) {
        return new Given(List.copyOf(events));
    }

    /** {@code given()} then {@code when(command)}: the command on an aggregate with no history. */
    public When when(C command) {
        return given(List.of()).when(command);
    }

    public final class Given {
        private final List<? extends E> history;

        private Given(List<? extends E> history) {
            this.history = history;
        }

        /** The state the history folds into. */
        public S state() {
            return decider.evolveAll(decider.initialState(), history);
        }

        public When when(C command) {
            return new When(this, command);
        }

        /**
         * Walks every concrete command of the sealed {@code commandType} (its permitted subclasses, through
         * nested sealed types) and decides each, built from placeholder values, on this history: none may
         * reach the decider's closing {@link UnhandledCommandException}. A rejection is fine (the placeholders
         * are rarely valid): it proves a rule looked at the command.
         */
        public void everyCommandIsDecided(Class<C> commandType) {
            List<Class<?>> commands = concreteSubtypes(commandType);
            assertThat(commands).as("commands of " + commandType.getName()).isNotEmpty();
            for (Class<?> type : commands) {
                C command = commandType.cast(placeholder(type));
                try {
                    decider.decide(command, state());
                } catch (UnhandledCommandException e) {
                    throw new AssertionError(type.getName() + " is not decided", e);
                } catch (RuntimeException rejectedOrPlaceholderRefused) {
                    // A rule looked at it.
                }
            }
        }
    }

    private static List<Class<?>> concreteSubtypes(Class<?> type) {
        if (!type.isSealed()) {
            return type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())
                    ? List.of() : List.of(type);
        }
        List<Class<?>> all = new java.util.ArrayList<>();
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            all.addAll(concreteSubtypes(permitted));
        }
        return all;
    }

    /** A record built from placeholder values: zero, false, "x", the epoch, empty collections, first constants. */
    private static Object placeholder(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record: give commands as records");
        }
        java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types).map(DeciderSpec::placeholderValue).toArray();
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getName(), e);
        }
    }

    private static Object placeholderValue(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == String.class) {
            return "x";
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.EPOCH;
        }
        if (type == java.time.Duration.class) {
            return java.time.Duration.ZERO;
        }
        if (List.class.isAssignableFrom(type)) {
            return List.of();
        }
        if (java.util.Set.class.isAssignableFrom(type)) {
            return java.util.Set.of();
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return java.util.Map.of();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == java.util.UUID.class) {
            return new java.util.UUID(0, 1);
        }
        return null;
    }

    public final class When {
        private final Given given;
        private final C command;

        private When(Given given, C command) {
            this.given = given;
            this.command = command;
        }

        /** The events the command causes; a rejection propagates. */
        public List<E> events() {
            return decider.decide(command, given.state());
        }

        /** Then exactly these events, in this order. */
        @SafeVarargs
        public final List<E> then(E... expected) {
            List<E> events = events();
            assertThat(events).containsExactly(expected);
            return events;
        }

        /** Then exactly {@code expected} (a literal history the test goes on with). */
        public List<E> then(List<? extends E> expected) {
            List<E> events = events();
            assertThat(events).containsExactlyElementsOf(expected);
            return events;
        }

        /** Then no event: the command is accepted and changes nothing. */
        public void thenNothing() {
            assertThat(events()).isEmpty();
        }

        /** The state after the history and the events of the command. */
        public S thenState() {
            S before = given.state();
            return decider.evolveAll(before, decider.decide(command, before));
        }

        /** Then a rejection of {@code type}; the returned assertion checks its message. */
        public AbstractThrowableAssert<?, ? extends Throwable> thenRejected(Class<? extends CommandRejectedException> type) {
            return assertThatThrownBy(this::events).isInstanceOf(type);
        }

        /** Then 400 naming {@code field}. */
        public AbstractThrowableAssert<?, ? extends Throwable> thenInvalid(String field) {
            return thenRejected(InvalidCommandException.class)
                    .satisfies(e -> assertThat(((InvalidCommandException) e).field()).as("field").isEqualTo(field));
        }

        /** Then 400 naming {@code field}, with exactly {@code message}. */
        public void thenInvalid(String field, String message) {
            thenInvalid(field).hasMessage(message);
        }

        /** Then 409 naming the current {@code status}. */
        public AbstractThrowableAssert<?, ? extends Throwable> thenIllegal(String status) {
            return thenRejected(IllegalTransitionException.class)
                    .satisfies(e -> assertThat(((IllegalTransitionException) e).currentStatus()).as("status")
                            .isEqualTo(status))
                    .hasMessageContaining("current status: " + status);
        }

        /** Then 403 naming {@code field}. */
        public AbstractThrowableAssert<?, ? extends Throwable> thenNotPermitted(String field) {
            return thenRejected(NotPermittedException.class)
                    .satisfies(e -> assertThat(((NotPermittedException) e).field()).as("field").isEqualTo(field));
        }

        /** Then 404. */
        public AbstractThrowableAssert<?, ? extends Throwable> thenNotFound() {
            return thenRejected(AggregateNotFoundException.class);
        }

        /** Then an exception that is not a rejection (a caller's bug, e.g. a missing id). */
        public AbstractThrowableAssert<?, ? extends Throwable> thenFails(Class<? extends RuntimeException> type) {
            return Assertions.assertThatThrownBy(this::events).isInstanceOf(type);
        }
    }
}
