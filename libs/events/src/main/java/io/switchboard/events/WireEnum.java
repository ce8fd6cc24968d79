package io.switchboard.events;

import java.util.Optional;

/**
 * An enum whose constants have a wire spelling ({@link #value()}: {@code va_assigned},
 * {@code Voice Inbound (API)}), and the one way to read a spelling back into a constant.
 */
public interface WireEnum {
    /** How the constant is spelled in events, requests and responses. */
    String value();

    /** Whether {@code text} names this constant; a constant with aliases answers for them too. */
    default boolean isSpelled(String text) {
        return value().equals(text);
    }

    /** The constant of {@code type} that {@code text} names, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> find(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.isSpelled(text)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The constant of {@code type} that {@code text} names; any other text is a bug of its producer. */
    static <E extends Enum<E> & WireEnum> E of(Class<E> type, String text) {
        return find(type, text).orElseThrow(() -> new IllegalArgumentException(
                "no " + type.getSimpleName() + " is spelled '" + text + "'"));
    }
}
