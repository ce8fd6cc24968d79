package io.switchboard.eventstore.decider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs the commands of one stream one after another, in arrival order, within this JVM. Commands of
 * different streams do not wait for each other. Concurrent writers of one stream in one instance then
 * never lose an optimistic-concurrency race to each other: the stream is loaded once per command
 * instead of once per lost race, and nobody starves. Writers in other instances still race, which the
 * event store's expected version settles.
 *
 * <p>A queued command does not hold a thread or a connection: it is a future chained to its
 * predecessor's. Continuations resume on the Vert.x context the command was submitted from, so
 * request-scoped state and the reactive SQL client see the context they expect.
 */
public final class StreamLocks {
    private static final StreamLocks SHARED = new StreamLocks();

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** The locks every command handler of this JVM shares (the default). */
    public static StreamLocks shared() {
        return SHARED;
    }

    /** Separate locks: for tests that play several instances in one JVM. */
    public static StreamLocks separate() {
        return new StreamLocks();
    }

    /** Runs {@code task} once every earlier task of {@code key} has ended (successfully or not). */
    public <T> Uni<T> run(String key, Supplier<Uni<T>> task) {
        return Uni.createFrom().deferred(() -> {
            Executor caller = callerContext();
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, mine);
            Uni<T> work = Uni.createFrom().deferred(task::get);
            Uni<T> queued = previous == null || previous.isDone() ? work
                    : Uni.createFrom().completionStage(previous).emitOn(caller).flatMap(ignored -> work);
            return queued.onTermination().invoke(() -> {
                tails.remove(key, mine);
                mine.complete(null);
            });
        });
    }

    /** How many streams have a command running or waiting (for tests and metrics). */
    public int busyStreams() {
        return tails.size();
    }

    /** Where a continuation of the current caller must run: its Vert.x context, or the calling thread. */
    static Executor callerContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
