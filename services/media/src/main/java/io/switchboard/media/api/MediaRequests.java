package io.switchboard.media.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the media endpoints (docs/api/chat.md#photos-and-videos). */
public final class MediaRequests {
    /** Longest object key this service issues is well below this; S3 allows 1024 bytes. */
    static final int MAX_PATH = 1024;

    private MediaRequests() {
    }

    /**
     * Optional body of {@code POST …/photos/upload} and {@code …/videos/upload} (Switchboard): the type of the
     * file the client will upload, which the policy then binds. Absent: JPEG for photos, MP4 for videos.
     */
    public record Upload(@Size(max = 100) String contentType) {
    }

    /** {@code POST …/photos}: at most 10 photos at once. */
    public record AttachPhotos(@NotNull @Size(min = 1, max = 10) List<@NotNull @Valid PhotoRef> photo) {
    }

    /** {@code photo_type}: {@code photo} (default) or {@code screenshot}. */
    public record PhotoRef(@NotBlank @Size(max = MAX_PATH) String s3Path,
                           @Size(max = 32) @Pattern(regexp = "photo|screenshot") String photoType) {
    }

    /** {@code POST …/videos}. */
    public record AttachVideo(@NotNull @Valid VideoRef video) {
    }

    /** {@code gcs_path} is for a Google Cloud Storage backend, which this service does not have. */
    public record VideoRef(@NotBlank @Size(max = MAX_PATH) String s3Path, @Size(max = MAX_PATH) String gcsPath) {
    }
}
