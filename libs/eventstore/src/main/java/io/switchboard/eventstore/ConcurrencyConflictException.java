package io.switchboard.eventstore;

/**
 * The stream was not at the expected version when the append ran: another writer got there first
 * (or the stream id is taken). Nothing was written. {@code actualVersion} is null when it cannot be
 * told without revealing another partner's data.
 */
public class ConcurrencyConflictException extends RuntimeException {
    private final StreamId streamId;
    private final long expectedVersion;
    private final Long actualVersion;

    public ConcurrencyConflictException(StreamId streamId, long expectedVersion, Long actualVersion, Throwable cause) {
        super("stream " + streamId + " expected at version " + expectedVersion
                + (actualVersion == null ? "" : " but is at version " + actualVersion), cause);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public StreamId streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public Long actualVersion() {
        return actualVersion;
    }
}
