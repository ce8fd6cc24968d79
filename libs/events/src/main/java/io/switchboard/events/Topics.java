package io.switchboard.events;

/** The Kafka topics (docs/architecture.md#topics): one per writing service. */
public final class Topics {
    public static final String CHAT = "switchboard.chat";
    public static final String MEDIA = "switchboard.media";
    public static final String INTERACTION = "switchboard.interaction";
    public static final String REDACTION = "switchboard.redaction";

    private Topics() {
    }
}
