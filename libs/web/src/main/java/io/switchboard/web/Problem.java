package io.switchboard.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code error} and {@code message} repeat {@code title} and
 * {@code detail} because existing Manager/Apps API clients read those members (RFC 9457 allows
 * extension members); {@code errors} names each invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, String error, String message) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String detail) {
        return of(status, title, detail, List.of());
    }

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem(typeFor(status), title, status, detail, null, errors, title, detail);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, errors, error, message);
    }

    /** One invalid field, by its JSON name (dotted for nested fields, e.g. {@code end_user.phone}). */
    public record FieldError(String field, String message) {
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 400 -> "https://switchboard.dev/problems/invalid-request";
            case 401 -> "https://switchboard.dev/problems/unauthenticated";
            case 403 -> "https://switchboard.dev/problems/forbidden";
            case 404 -> "https://switchboard.dev/problems/not-found";
            case 409 -> "https://switchboard.dev/problems/conflict";
            case 413 -> "https://switchboard.dev/problems/too-large";
            case 429 -> "https://switchboard.dev/problems/rate-limited";
            default -> "about:blank";
        };
    }
}
