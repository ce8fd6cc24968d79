package io.switchboard.media.api;

import java.util.Map;

/** Response bodies of the media endpoints. */
public final class MediaViews {
    private MediaViews() {
    }

    /** The upload form: POST {@code fields} and the file (last) as multipart/form-data to {@code url}. */
    public record UploadFormView(String url, Map<String, String> fields) {
    }

    /** An attached photo or video: {@code url} is a pre-signed GET with a short expiry. */
    public record MediaView(String url, long mediaId) {
    }
}
