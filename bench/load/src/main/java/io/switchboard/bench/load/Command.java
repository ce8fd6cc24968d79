package io.switchboard.bench.load;

/**
 * One REST request of the simulated contact center.
 *
 * @param kind           what it is, e.g. {@code call.connected}, {@code chat.message}, {@code agent.status},
 *                       {@code chat.read} (reads write nothing)
 * @param partnerId      whose
 * @param service        chat, interaction or reporting
 * @param method         GET, POST, PUT, PATCH
 * @param path           path and query
 * @param body           JSON text, or null
 * @param as             whose token it carries
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param expectedEvents events it is expected to cause, directly and through the router and agent status
 *                       (what the pacer counts; the measured number comes from {@link EventCounter})
 */
public record Command(String kind, String partnerId, String service, String method, String path, String body,
                      Credential as, String idempotencyKey, double expectedEvents) {

    public boolean writes() {
        return !"GET".equals(method);
    }
}
