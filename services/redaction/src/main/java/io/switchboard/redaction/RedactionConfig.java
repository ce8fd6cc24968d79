package io.switchboard.redaction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The redaction service's settings ({@code switchboard.redaction.*}; the README's configuration table). */
@ConfigMapping(prefix = "switchboard.redaction")
public interface RedactionConfig {
    /** The Kafka consumer group of the {@code redaction} loop. */
    @WithDefault("switchboard-redaction")
    String consumerGroup();

    /** How long a partner's policy, custom entities and intents are reused before they are read again. */
    @WithDefault("PT10S")
    Duration policyCacheTtl();

    Retention retention();

    Api api();

    interface Retention {
        /** History: redacted messages, from their sent time (the vendor keeps customer history a year). */
        @WithDefault("P365D")
        Duration history();

        /** Runtime data: per-chat state and parked records (the vendor keeps runtime dashboard data 30 days). */
        @WithDefault("P30D")
        Duration runtime();

        /** How often the purge runs (a Quarkus scheduler period, e.g. {@code 1h}). */
        @WithDefault("1h")
        String every();

        /** Rows deleted per statement, so a purge never holds long locks. */
        @WithDefault("5000")
        int batch();
    }

    interface Api {
        /** What {@code limit} 0 or absent means. */
        @WithDefault("100")
        int defaultLimit();

        @WithDefault("1000")
        int maxLimit();
    }
}
