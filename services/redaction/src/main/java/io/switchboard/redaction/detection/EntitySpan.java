package io.switchboard.redaction.detection;

/**
 * One detected entity: its type label (an {@link EntityType} name or a custom entity's label), its
 * character offsets into the original text ({@code start} inclusive, {@code end} exclusive) and a score
 * in (0, 1]. It never holds the value itself, so printing or logging a span leaks nothing.
 */
public record EntitySpan(String type, int start, int end, double score) {
    public EntitySpan {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("type is required");
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
        }
        if (!(score > 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in (0, 1]: " + score);
        }
    }

    public EntitySpan(EntityType type, int start, int end, double score) {
        this(type.name(), start, end, score);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(EntitySpan other) {
        return start < other.end && other.start < end;
    }

    public boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }

    EntitySpan withType(String newType) {
        return new EntitySpan(newType, start, end, score);
    }
}
