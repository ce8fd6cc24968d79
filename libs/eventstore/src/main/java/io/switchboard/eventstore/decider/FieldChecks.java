package io.switchboard.eventstore.decider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field checks every decider shares: one notion of a phone number, an email address, an
 * interaction unique id, a language, a URL. Predicates answer; {@code require…} methods throw
 * {@link InvalidCommandException} naming the field (its JSON name) with the caller's message, because the
 * messages are part of the APIs (the call API's are the vendor's).
 */
public final class FieldChecks {
    /**
     * A phone number or what a caller dialled: digits, {@code +}, {@code *}, {@code #}, spaces, dots, dashes
     * and parentheses, 3 to 32 characters, starting with a digit, {@code +}, {@code *} or {@code #}.
     */
    public static final Pattern PHONE = Pattern.compile("[0-9+*#][0-9+*#() .-]{2,31}");
    /** An interaction unique id: 1 to 20 digits (docs/api/interaction-history.md#interaction-unique-id). */
    public static final Pattern UNIQUE_ID = Pattern.compile("[0-9]{1,20}");
    public static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** The longest email address SMTP carries (RFC 5321 path limit less the angle brackets). */
    public static final int EMAIL_MAX = 254;
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private FieldChecks() {
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }

    public static boolean isPhone(String value) {
        return value != null && PHONE.matcher(value).matches();
    }

    public static boolean isUniqueId(String value) {
        return value != null && UNIQUE_ID.matcher(value).matches();
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= EMAIL_MAX && EMAIL.matcher(value).matches();
    }

    /** A language tag whose primary subtag is an ISO-639 code ({@code en}, {@code pt-BR}). */
    public static boolean isLanguage(String tag) {
        return tag != null && LANGUAGES.contains(tag.split("-")[0]);
    }

    /** An absolute URI with a host, any scheme. */
    public static boolean isAbsoluteUri(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** An absolute {@code http} or {@code https} URL with a host. */
    public static boolean isHttpUrl(String value) {
        return isAbsoluteUri(value) && Set.of("http", "https").contains(URI.create(value).getScheme().toLowerCase(Locale.ROOT));
    }

    /** {@code value} if it is a positive number, else 400 naming {@code field}. */
    public static long requirePositive(Long value, String field) {
        if (value == null || value <= 0) {
            throw new InvalidCommandException(field, field + " is required and must be a positive integer");
        }
        return value;
    }

    /** Nothing, or a value that passes {@code check}; else 400 naming {@code field} with {@code message}. */
    public static void requireIfPresent(String value, java.util.function.Predicate<String> check, String field,
                                        String message) {
        if (value != null && !check.test(value)) {
            throw new InvalidCommandException(field, message);
        }
    }
}
