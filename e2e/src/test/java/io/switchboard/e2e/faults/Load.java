package io.switchboard.e2e.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the fault suite needs from a load: partners of its own on the running stack, commands sent through
 * the public REST APIs until {@link #stop()}, a record of every attempt and its answer, and a check of
 * what the read models show against what the load expects. {@link GeneratorLoad} is the simulated
 * contact center of {@code bench/load}.
 */
interface Load extends AutoCloseable {

    /** The partners whose events this load writes (no other traffic on the stack is counted). */
    List<String> partnerIds();

    /** Starts sending in the background, at about {@code eventsPerSecond}, until {@link #stop()} (or {@code atMost}). */
    void start(double eventsPerSecond, Duration atMost);

    /** No new work starts; what is open ends (calls hang up, chats finish, agents log out). */
    void stop();

    /** Waits until everything the load started has ended; true if it did in time. */
    boolean awaitEnd(Duration patience) throws InterruptedException;

    /** Every attempt so far, in the order sent. */
    List<Attempt> attempts();

    /**
     * Compares what the read models show (the Manager API) with what the load expects, until they agree or
     * {@code patience} passes; returns the differences left, each as one line.
     */
    List<String> readModelDifferences(Duration patience) throws InterruptedException;

    /** What the load could not learn the outcome of (e.g. a command without an answer during a fault). */
    List<String> uncertain();

    /** One line of the load's own figures (commands, retries, calls, chats) for the report. */
    String summary();

    @Override
    void close();

    /**
     * One attempt of a command.
     *
     * @param kind     what it is, e.g. {@code call.hold} ({@code *.read} ones write nothing)
     * @param method   HTTP method
     * @param uri      service and path, e.g. {@code interaction /apps/api/v1/calls/12/events/hold}
     * @param status   HTTP status, -1 without an answer
     * @param response the answer's body (possibly cut), or null
     * @param error    why there was no answer, or null
     */
    record Attempt(String kind, String partnerId, String method, String uri, int status, String response, Instant sentAt,
                   String error) {

        boolean writes() {
            return !"GET".equals(method);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
