package io.switchboard.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Every object key starts with its partner's segment, so one partner's objects never share a prefix with
 * another's. A partner id that is not a plain name is hex-encoded behind {@code x-}, so no partner id can
 * spell a path ({@code /}, {@code ..}) into a key, and no two partners get the same segment.
 */
public final class PartnerKeys {
    /** Not starting with {@code x-}: that is the encoded form's mark, so no plain id can equal an encoded one. */
    private static final Pattern PLAIN = Pattern.compile("(?!x-)[a-z0-9][a-z0-9_-]{0,62}");

    private PartnerKeys() {
    }

    /** The first segment of every key of {@code partnerId}'s objects. */
    public static String segment(String partnerId) {
        if (partnerId == null || partnerId.isEmpty()) {
            throw new IllegalArgumentException("partner id is required");
        }
        return PLAIN.matcher(partnerId).matches() ? partnerId
                : "x-" + HexFormat.of().formatHex(partnerId.getBytes(StandardCharsets.UTF_8));
    }
}
