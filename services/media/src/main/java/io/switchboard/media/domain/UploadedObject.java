package io.switchboard.media.domain;

/** What the store says about an uploaded object (HEAD) and its first bytes. */
public record UploadedObject(String key, long sizeBytes, String contentType, byte[] head) {
}
