package io.switchboard.redaction.detection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A partner's redaction settings: which types are redacted (built-in names and custom labels), how a
 * redacted span is written, the partner's custom entities, the lowest score that counts, and the longest
 * text accepted. {@link #defaults()}: every built-in type, {@code ****TYPE****}, score ≥ 0.5, 16 KB.
 */
public record RedactionPolicy(Set<String> redactedTypes, MaskStyle maskStyle, List<CustomEntity> customEntities,
                              double minScore, int maxTextLength) {
    public static final int DEFAULT_MAX_TEXT_LENGTH = 16 * 1024;
    public static final int MAX_CUSTOM_ENTITIES = 50;

    public RedactionPolicy {
        if (redactedTypes == null || maskStyle == null || customEntities == null) {
            throw new IllegalArgumentException("redactedTypes, maskStyle and customEntities are required");
        }
        if (customEntities.size() > MAX_CUSTOM_ENTITIES) {
            throw new IllegalArgumentException("at most " + MAX_CUSTOM_ENTITIES + " custom entities");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1]");
        }
        if (maxTextLength < 1 || maxTextLength > 1024 * 1024) {
            throw new IllegalArgumentException("maxTextLength must be in [1, 1 MiB]");
        }
        redactedTypes = Set.copyOf(redactedTypes);
        customEntities = List.copyOf(customEntities);
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
        private final List<CustomEntity> custom = new ArrayList<>();
        private double minScore = 0.5;
        private int maxTextLength = DEFAULT_MAX_TEXT_LENGTH;

        private Builder() {
            EnumSet.allOf(EntityType.class).forEach(t -> types.add(t.name()));
        }

        /** Redacts only these built-in types (custom entities are always redacted unless {@link #skip}ped). */
        public Builder only(EntityType... redacted) {
            types.removeIf(t -> isBuiltIn(t));
            for (EntityType t : redacted) {
                types.add(t.name());
            }
            return this;
        }

        public Builder skip(String... labels) {
            for (String label : labels) {
                types.remove(label);
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

        public Builder custom(CustomEntity entity) {
            custom.add(entity);
            types.add(entity.label());
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
            return new RedactionPolicy(types, maskStyle, custom, minScore, maxTextLength);
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
