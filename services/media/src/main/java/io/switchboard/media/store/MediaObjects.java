package io.switchboard.media.store;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.media.domain.MediaSniffer;
import io.switchboard.media.domain.UploadedObject;
import io.switchboard.media.domain.VideoDuration;
import io.switchboard.objectstore.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Optional;

/** What the attach reads of an uploaded object: HEAD, the bytes that prove its type, a video's duration. */
@ApplicationScoped
public class MediaObjects {
    private final ObjectStore objects;

    public MediaObjects(ObjectStore objects) {
        this.objects = objects;
    }

    /** HEAD of the object and its first bytes ({@link MediaSniffer#HEAD_BYTES}), or empty if it does not exist. */
    public Uni<Optional<UploadedObject>> inspect(String key) {
        return objects.inspect(key, MediaSniffer.HEAD_BYTES).map(found -> found.map(
                object -> new UploadedObject(object.key(), object.sizeBytes(), object.contentType(), object.head())));
    }

    /**
     * A video's duration in seconds ({@link VideoDuration}), or null if its container does not say: the bytes
     * already read at {@link #inspect} answer what they cover, ranged GETs the rest (a few box headers).
     */
    public Uni<Integer> videoSeconds(UploadedObject object) {
        return Uni.createFrom().item(() -> VideoDuration.seconds(object.sizeBytes(), (offset, length) -> {
            byte[] head = object.head();
            long end = Math.min(offset + length, object.sizeBytes());
            if (offset >= end) {
                return new byte[0];
            }
            if (end <= head.length) {
                return Arrays.copyOfRange(head, (int) offset, (int) end);
            }
            return objects.range(object.key(), offset, (int) (end - offset));
        })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
