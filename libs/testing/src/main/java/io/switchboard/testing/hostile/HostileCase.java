package io.switchboard.testing.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * One request of the corpus. {@code path} is sent as it is (already encoded, brackets unencoded like
 * the Manager API extractor sends them). {@code field}, if set, is the name the problem must give in
 * {@code errors[].field} (or a field inside it) when the answer is a 400. {@code statuses} are the
 * answers that count as refused (any 4xx when empty). A case that {@code mustBeRefused} may not
 * succeed; the others (edge values) only may not fail badly.
 */
public record HostileCase(Family family, String label, String method, String path, Map<String, String> headers,
                          String contentType, byte[] body, String field, Set<Integer> statuses, boolean mustBeRefused) {

    public HostileCase {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String shown = bodyText();
        if (shown != null && shown.length() > 160) {
            shown = shown.substring(0, 160) + "… (" + shown.length() + " chars)";
        }
        String target = path.length() > 160 ? path.substring(0, 160) + "…" : path;
        return family + " [" + label + "] " + method + " " + target + (contentType == null ? "" : " (" + contentType + ")")
                + (shown == null ? "" : " " + shown);
    }
}
