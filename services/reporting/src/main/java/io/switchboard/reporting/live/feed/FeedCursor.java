package io.switchboard.reporting.live.feed;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A position in the feed: the writing transaction's id and the row's sequence number, compared in that order
 * (the table's order, {@code (xid, seq)}). On the wire (SSE {@code id:}, {@code Last-Event-ID}) it is opaque:
 * the two numbers as 16 bytes, base64url without padding (22 characters).
 */
public record FeedCursor(long xid, long seq) implements Comparable<FeedCursor> {
    /** Before every row. */
    public static final FeedCursor START = new FeedCursor(0, 0);
    private static final int LENGTH = 22;

    public FeedCursor {
        if (xid < 0 || seq < 0) {
            throw new IllegalArgumentException("a feed cursor is two non-negative numbers");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(16).putLong(xid).putLong(seq).array());
    }

    /** The cursor of a wire id, or null if it is not one (wrong length, alphabet or numbers). */
    public static FeedCursor decode(String id) {
        if (id == null || id.length() != LENGTH) {
            return null;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(id));
            long xid = bytes.getLong();
            long seq = bytes.getLong();
            return xid < 0 || seq < 0 ? null : new FeedCursor(xid, seq);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    public int compareTo(FeedCursor o) {
        int byXid = Long.compare(xid, o.xid);
        return byXid != 0 ? byXid : Long.compare(seq, o.seq);
    }

    public boolean after(FeedCursor o) {
        return compareTo(o) > 0;
    }
}
