package io.switchboard.bench.load;

import java.time.Instant;

/**
 * One attempt of a command as it was sent and answered (the command log).
 *
 * @param seq          order of sending, from 1
 * @param kind         {@link Command#kind()}
 * @param partnerId    whose
 * @param credential   the Keycloak user whose token it carried
 * @param method       HTTP method
 * @param uri          service and path, e.g. {@code interaction /apps/api/v1/calls/1234/events/hold}
 * @param requestBody  JSON text or null
 * @param status       HTTP status, -1 without an answer
 * @param responseBody the answer's body, cut at {@link LoadConfig#responseChars()}
 * @param sentAt       when it was sent
 * @param micros       until the answer
 * @param attempt      1 for the first attempt of a command, 2… for retries
 * @param error        why there was no answer, or null
 */
public record CommandRecord(long seq, String kind, String partnerId, String credential, String method, String uri,
                            String requestBody, int status, String responseBody, Instant sentAt, long micros,
                            int attempt, String error) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
