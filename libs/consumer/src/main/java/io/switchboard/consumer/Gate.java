package io.switchboard.consumer;

/**
 * Runs around each batch: its effects AND the record of its offsets as processed. Reporting's live lock
 * uses it, so a zero-downtime rebuild that holds the lock exclusively sees no batch half done.
 */
@FunctionalInterface
public interface Gate {
    Gate OPEN = Body::run;

    void around(Body body) throws Exception;

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
