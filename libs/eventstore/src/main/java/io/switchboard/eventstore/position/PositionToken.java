package io.switchboard.eventstore.position;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a write reached, for read-your-writes: the partner it was written for and, per event-store stream it
 * appended to, the stream's version after the write (the envelope's {@code sequence}, the position a read
 * model records as applied). On the wire an opaque header value, {@code v1.<base64url>}; clients pass it
 * back unchanged and never parse it.
 *
 * <p>The partner is bound into the token so a reader can refuse a token that is not its caller's: a reader
 * only ever waits on streams of the caller's own partner, so a forged or borrowed token cannot be used to
 * probe another partner's streams (a wait on a stream of another partner could otherwise reveal that the
 * stream exists and how far it got). No secret is needed for that: the check is the caller's identity,
 * not the token's integrity.
 */
public record PositionToken(String partnerId, List<StreamPosition> streams) {
    /** The largest encoded token accepted; a write touching more streams than fit is not a token. */
    public static final int MAX_ENCODED_LENGTH = 2048;
    public static final int MAX_STREAMS = 16;
    public static final int MAX_PARTNER_LENGTH = 64;
    public static final int MAX_AGGREGATE_ID_LENGTH = 200;
    private static final String PREFIX = "v1.";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    public PositionToken {
        Objects.requireNonNull(partnerId, "partnerId");
        if (!printable(partnerId, MAX_PARTNER_LENGTH)) {
            throw new IllegalArgumentException("partner id must be 1.." + MAX_PARTNER_LENGTH + " printable characters");
        }
        if (streams.isEmpty() || streams.size() > MAX_STREAMS) {
            throw new IllegalArgumentException("a token names 1.." + MAX_STREAMS + " streams, not " + streams.size());
        }
        streams = List.copyOf(streams);
    }

    /** One stream's position: its aggregate type, aggregate id (the stored stream id) and version. */
    public record StreamPosition(String aggregateType, String aggregateId, long version) {
        public StreamPosition {
            if (aggregateType == null || !TYPE.matcher(aggregateType).matches()) {
                throw new IllegalArgumentException("aggregate type must be lower_snake_case");
            }
            if (aggregateId == null || !printable(aggregateId, MAX_AGGREGATE_ID_LENGTH)) {
                throw new IllegalArgumentException("aggregate id must be 1.." + MAX_AGGREGATE_ID_LENGTH + " printable characters");
            }
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1, was " + version);
            }
        }
    }

    /**
     * The token of several writes of one partner: per stream the highest version (a later write of a stream
     * implies its earlier ones, which travel before it on the same Kafka partition).
     */
    public static PositionToken of(String partnerId, List<StreamPosition> positions) {
        Map<String, StreamPosition> highest = new LinkedHashMap<>();
        for (StreamPosition p : positions) {
            highest.merge(p.aggregateType() + '\n' + p.aggregateId(), p,
                    (a, b) -> a.version() >= b.version() ? a : b);
        }
        return new PositionToken(partnerId, new ArrayList<>(highest.values()));
    }

    public String encode() {
        StringBuilder text = new StringBuilder(partnerId);
        for (StreamPosition s : streams) {
            text.append('\n').append(s.aggregateType()).append(' ').append(s.version()).append(' ').append(s.aggregateId());
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token a client sent back.
     *
     * @throws MalformedPositionTokenException if it is not one this codec wrote (any version of it)
     */
    public static PositionToken decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new MalformedPositionTokenException("is empty");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw new MalformedPositionTokenException("is longer than " + MAX_ENCODED_LENGTH + " characters");
        }
        if (!encoded.startsWith(PREFIX)) {
            throw new MalformedPositionTokenException("is not a position token (unknown format)");
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded.substring(PREFIX.length()));
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw new MalformedPositionTokenException("is not a position token (not base64url of UTF-8 text)");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || lines.length > MAX_STREAMS + 1) {
            throw new MalformedPositionTokenException("is not a position token (names no stream or too many)");
        }
        try {
            List<StreamPosition> streams = new ArrayList<>(lines.length - 1);
            for (int i = 1; i < lines.length; i++) {
                String[] parts = lines[i].split(" ", 3);
                if (parts.length != 3 || !VERSION.matcher(parts[1]).matches()) {
                    throw new MalformedPositionTokenException("is not a position token (a stream entry is malformed)");
                }
                streams.add(new StreamPosition(parts[0], parts[2], Long.parseLong(parts[1])));
            }
            return new PositionToken(lines[0], Collections.unmodifiableList(streams));
        } catch (MalformedPositionTokenException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MalformedPositionTokenException("is not a position token (" + e.getMessage() + ")");
        }
    }

    private static boolean printable(String s, int max) {
        if (s.isEmpty() || s.length() > max || s.isBlank()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A client sent something that is not a position token; the message completes "the token …". */
    public static final class MalformedPositionTokenException extends IllegalArgumentException {
        public MalformedPositionTokenException(String message) {
            super(message);
        }
    }
}
