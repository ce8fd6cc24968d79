package io.switchboard.media.domain;

import java.time.Duration;

/**
 * The size ranges and lifetimes of uploads: the browser POST policy carries them, the attach checks
 * them again (a store that does not enforce a policy cannot let an object through).
 */
public record MediaLimits(long photoMaxBytes, long videoMaxBytes, Duration uploadExpiry, Duration downloadExpiry) {
    /** An empty file is never a photo or a video. */
    public static final long MIN_BYTES = 1;

    public MediaLimits {
        if (photoMaxBytes < MIN_BYTES || videoMaxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (uploadExpiry.isNegative() || uploadExpiry.isZero() || downloadExpiry.isNegative() || downloadExpiry.isZero()) {
            throw new IllegalArgumentException("expiries must be positive");
        }
        // SigV4 pre-signed URLs live at most 7 days.
        if (downloadExpiry.compareTo(Duration.ofDays(7)) > 0 || uploadExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("expiries must be at most 7 days");
        }
    }

    public long maxBytes(MediaKind kind) {
        return kind == MediaKind.PHOTO ? photoMaxBytes : videoMaxBytes;
    }
}
