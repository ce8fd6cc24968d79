package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What came back for a command: the HTTP status (or -1 and the error when there was no answer), the
 * body, the {@code Retry-After} header, when it was sent and answered ({@link System#nanoTime()}), and
 * whether an earlier attempt of the same command may have been applied without an answer.
 */
public record Answer(int status, String body, String retryAfter, Throwable error, long sentNanos, long answeredNanos,
                     int attempt, boolean earlierAttemptUncertain) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonNode json() {
        return Json.read(body);
    }

    /**
     * No answer, or one that says "try again" (429, 502–504), or a 500 (what a service answers while its
     * database is down): the request may be sent again after a pause.
     */
    boolean retryable() {
        return status == -1 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The request may have been applied although the answer does not say so: no answer other than a
     * refused connection (a timeout, a reset), a gateway timeout, or a 500 (the failure may have come after
     * the commit).
     */
    boolean uncertain() {
        return status == -1 && !(rootCause(error) instanceof java.net.ConnectException) || status == 500 || status == 504;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
