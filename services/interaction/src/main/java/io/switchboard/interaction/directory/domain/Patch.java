package io.switchboard.interaction.directory.domain;

/**
 * One field of a partial update (PATCH): a {@code null} Patch means "not in the request, leave it";
 * a Patch whose value is {@code null} means "clear it".
 */
public record Patch<T>(T value) {
    public static <T> Patch<T> of(T value) {
        return new Patch<>(value);
    }
}
