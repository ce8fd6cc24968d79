package io.switchboard.media.domain;

import java.util.Optional;

/**
 * Whether an uploaded object may be attached: within the kind's size range, of an accepted content type
 * as the store recorded it, and with bytes that prove that type. The reason, if not, is one sentence for
 * the field that named the object.
 */
public final class AttachRules {
    private AttachRules() {
    }

    /** Empty if the object may be attached, else why not. */
    public static Optional<String> refusal(MediaKind kind, MediaLimits limits, UploadedObject object) {
        long max = limits.maxBytes(kind);
        if (object.sizeBytes() < MediaLimits.MIN_BYTES || object.sizeBytes() > max) {
            return Optional.of("the object is " + object.sizeBytes() + " bytes; a " + kind.singular() + " must be "
                    + MediaLimits.MIN_BYTES + " to " + max + " bytes");
        }
        String declared = kind.contentType(object.contentType());
        if (declared == null) {
            return Optional.of("the object's content type " + quoted(object.contentType()) + " is not one of "
                    + kind.contentTypes());
        }
        String sniffed = MediaSniffer.sniff(kind, object.head());
        if (sniffed == null) {
            return Optional.of("the object is not a " + kind.singular() + " in any of " + kind.contentTypes());
        }
        if (!sniffed.equals(declared)) {
            return Optional.of("the object was uploaded as " + declared + " but its bytes are " + sniffed);
        }
        return Optional.empty();
    }

    private static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "\"" + shown + "\"";
    }
}
