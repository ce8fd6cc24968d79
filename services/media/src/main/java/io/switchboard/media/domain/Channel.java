package io.switchboard.media.domain;

/** What media is attached to: a chat or a call (the {@code channel} of the media events). */
public enum Channel {
    CHAT("chat"),
    CALL("call");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
