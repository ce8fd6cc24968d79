package io.switchboard.redaction.detection;

import io.switchboard.redaction.domain.MaskStyle;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the detectors look for and how {@link Redactor#redact} writes it: which built-in types, the mask style,
 * the lowest score that counts, and the longest text accepted. {@link #defaults()}: every built-in type,
 * {@code ****TYPE****}, score ≥ 0.5, 16 KB. A partner's custom entities are not detection's business: the
 * service finds them with the domain's guarded {@code CustomEntity} (one mechanism, one regex guard).
 */
public record RedactionPolicy(Set<String> redactedTypes, MaskStyle maskStyle, double minScore, int maxTextLength) {
    public static final int DEFAULT_MAX_TEXT_LENGTH = 16 * 1024;

    public RedactionPolicy {
        if (redactedTypes == null || maskStyle == null) {
            throw new IllegalArgumentException("redactedTypes and maskStyle are required");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1]");
        }
        if (maxTextLength < 1 || maxTextLength > 1024 * 1024) {
            throw new IllegalArgumentException("maxTextLength must be in [1, 1 MiB]");
        }
        redactedTypes = Set.copyOf(redactedTypes);
    }

    public static RedactionPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean redacts(String type) {
        return redactedTypes.contains(type);
    }

    public static final class Builder {
        private final Set<String> types = new LinkedHashSet<>();
        private MaskStyle maskStyle = MaskStyle.LABEL;
        private double minScore = 0.5;
        private int maxTextLength = DEFAULT_MAX_TEXT_LENGTH;

        private Builder() {
            EnumSet.allOf(EntityType.class).forEach(t -> types.add(t.name()));
        }

        /** Redacts only these built-in types. */
        public Builder only(EntityType... redacted) {
            types.removeIf(t -> isBuiltIn(t));
            for (EntityType t : redacted) {
                types.add(t.name());
            }
            return this;
        }

        public Builder skip(EntityType... skipped) {
            for (EntityType t : skipped) {
                types.remove(t.name());
            }
            return this;
        }

        public Builder maskStyle(MaskStyle style) {
            this.maskStyle = style;
            return this;
        }

        public Builder minScore(double score) {
            this.minScore = score;
            return this;
        }

        public Builder maxTextLength(int length) {
            this.maxTextLength = length;
            return this;
        }

        public RedactionPolicy build() {
            return new RedactionPolicy(types, maskStyle, minScore, maxTextLength);
        }

        private static boolean isBuiltIn(String type) {
            for (EntityType t : EntityType.values()) {
                if (t.name().equals(type)) {
                    return true;
                }
            }
            return false;
        }
    }
}
