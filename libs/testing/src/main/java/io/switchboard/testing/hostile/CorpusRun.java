package io.switchboard.testing.hostile;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sends a corpus and checks every answer: never a 5xx; a 4xx is {@code application/problem+json}
 * and writes nothing ({@code writes} is read before and after each request: e.g. the event store's
 * highest position and the row counts of side tables); a case that must be refused is a 4xx — one of
 * its statuses, if it names any — and, when it is a 400 for a field, names that field (or one inside
 * it) in {@code errors[].field}. Every failure is collected, then reported together, with the count
 * of cases per family.
 */
public final class CorpusRun {
    private static final RestAssuredConfig RAW = RestAssured.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private final Supplier<RequestSpecification> caller;
    private final Supplier<?> writes;
    private final Map<Family, int[]> counts = new EnumMap<>(Family.class);
    private final List<String> failures = new ArrayList<>();
    private int total;

    /** {@code caller} gives an authenticated request; {@code writes} a snapshot of everything a request could write. */
    public CorpusRun(Supplier<RequestSpecification> caller, Supplier<?> writes) {
        this.caller = caller;
        this.writes = writes;
    }

    public CorpusRun run(List<HostileCase> cases) {
        for (HostileCase hostile : cases) {
            run(hostile);
        }
        return this;
    }

    /**
     * Sends each endpoint's request as documented ({@link HostileCorpus#valid}: the path values, parameters and
     * sample body the test gave, or a body built from the OpenAPI schema) and returns those the service did not
     * accept (2xx), with its answer: a client built from the OpenAPI document sends exactly these.
     * {@code notAccepted} names, by operation ({@code "POST /x/{id}"}), the requests that cannot succeed in the
     * test's state and the status they get instead (a 403 for a role the token lacks, a 409 for a state); they
     * must get that status, nothing else. Not counted in {@link #total()}.
     */
    public List<String> unaccepted(List<HostileCorpus.Target> targets, Map<String, Integer> notAccepted) {
        List<String> refused = new ArrayList<>();
        for (HostileCorpus.Target target : targets) {
            HostileCase request = HostileCorpus.valid(target);
            Response response = send(request);
            int status = response.statusCode();
            Integer expected = notAccepted.get(target.operation().toString());
            if (expected == null ? status >= 300 : status != expected) {
                String body = response.asString();
                refused.add(target.operation() + ": " + request + " → " + status
                        + (expected == null ? "" : " (expected " + expected + ")") + " | "
                        + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
            }
        }
        return refused;
    }

    private Response send(HostileCase hostile) {
        RequestSpecification request = caller.get().config(RAW).urlEncodingEnabled(false);
        hostile.headers().forEach(request::header);
        if (hostile.contentType() != null) {
            request.contentType(hostile.contentType());
        } else {
            request.noContentType();
        }
        if (hostile.body() != null && hostile.contentType() != null && hostile.contentType().contains("form-urlencoded")) {
            // RestAssured encodes form bodies itself and takes them as text only.
            request.body(hostile.bodyText());
        } else if (hostile.body() != null) {
            request.body(hostile.body());
        }
        return request.request(hostile.method(), hostile.path());
    }

    private void run(HostileCase hostile) {
        total++;
        int[] count = counts.computeIfAbsent(hostile.family(), family -> new int[2]);
        count[0]++;
        Object before = writes.get();
        Response response;
        try {
            response = send(hostile);
        } catch (RuntimeException e) {
            failures.add(hostile + " → the request failed: " + e);
            return;
        }
        int status = response.statusCode();
        Object after = writes.get();
        if (status >= 400 && status < 500) {
            count[1]++;
        }
        String problem = check(hostile, response, status, !Objects.equals(before, after));
        if (problem != null) {
            String body = response.asString();
            failures.add(hostile + " → " + status + ": " + problem + " | "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }

    private static String check(HostileCase hostile, Response response, int status, boolean wrote) {
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 400) {
            String type = String.valueOf(response.contentType());
            if (!type.startsWith("application/problem+json")) {
                return "a " + status + " that is not problem+json (" + type + ")";
            }
            if (wrote) {
                return "refused, but something was written";
            }
        }
        if (!hostile.mustBeRefused()) {
            return null;
        }
        if (status < 400) {
            return wrote ? "accepted and written" : "accepted";
        }
        if (!hostile.statuses().isEmpty() && !hostile.statuses().contains(status)) {
            return "expected " + hostile.statuses();
        }
        if (status == 400 && hostile.field() != null) {
            List<String> fields = response.jsonPath().getList("errors.field", String.class);
            boolean named = fields != null && fields.stream().anyMatch(field -> field.equals(hostile.field())
                    || field.startsWith(hostile.field() + ".") || field.startsWith(hostile.field() + "["));
            if (!named) {
                return "the problem does not name " + hostile.field() + " but " + fields;
            }
        }
        return null;
    }

    public int total() {
        return total;
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Cases per family (and how many of them were refused), one line each. */
    public String summary(String title) {
        StringBuilder out = new StringBuilder(title).append(": ").append(total).append(" hostile cases\n");
        counts.forEach((family, count) -> out.append(String.format("  %-20s %5d cases, %5d refused  (%s)%n",
                family, count[0], count[1], family.description())));
        return out.toString();
    }

    /** Prints the summary and fails with every failure if there is any. */
    public void verify(String title) {
        System.out.println(summary(title));
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(failures.size() + " of " + total + " hostile cases failed:\n");
            failures.stream().limit(80).forEach(failure -> message.append("  ").append(failure).append('\n'));
            throw new AssertionError(message.toString());
        }
    }
}
