package io.switchboard.media.domain;

import java.util.List;

/**
 * Photos or videos: the content types a browser POST policy may name and an attach accepts. Photos are
 * what phones take or screenshot (JPEG, PNG, HEIC, WebP); videos what they record or browsers capture
 * (MP4, QuickTime, WebM). The first type is the default of an upload form.
 */
public enum MediaKind {
    PHOTO("photos", "photo", List.of("image/jpeg", "image/png", "image/heic", "image/webp")),
    VIDEO("videos", "video", List.of("video/mp4", "video/quicktime", "video/webm"));

    private final String plural;
    private final String singular;
    private final List<String> contentTypes;

    MediaKind(String plural, String singular, List<String> contentTypes) {
        this.plural = plural;
        this.singular = singular;
        this.contentTypes = contentTypes;
    }

    /** The path segment, in URLs and object keys: {@code photos}, {@code videos}. */
    public String plural() {
        return plural;
    }

    /** The aggregate (stream) type of one attached item: {@code photo}, {@code video}. */
    public String singular() {
        return singular;
    }

    public List<String> contentTypes() {
        return contentTypes;
    }

    public String defaultContentType() {
        return contentTypes.get(0);
    }

    /** The accepted type named by {@code value} (case and parameters ignored), or null. */
    public String contentType(String value) {
        if (value == null) {
            return null;
        }
        String bare = value.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return contentTypes.contains(bare) ? bare : null;
    }
}
