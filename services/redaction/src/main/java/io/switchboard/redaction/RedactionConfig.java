package io.switchboard.redaction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

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

    Language language();

    Intents intents();

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

    /** Language detection (lingua) among a partner's languages. */
    interface Language {
        /** The languages of a partner that set none (ISO 639-1; the first is the fallback of texts too short to tell). */
        @WithDefault("en,es,fr,de,it,pt,nl")
        List<String> defaultLanguages();

        /** lingua's low accuracy mode: ≈ 3 instead of ≈ 28 MB of heap per language, worse on short texts. */
        @WithDefault("false")
        boolean lowAccuracy();

        /** A lead of the best language's relative confidence over the second's below this is "too short to tell". */
        @WithDefault("0.01")
        double minimumGap();

        /** A text with fewer letters is "too short to tell" ("ok", "merci"): the hint or the first language. */
        @WithDefault("6")
        int minimumLetters();

        /** Detectors kept, one per distinct language set. */
        @WithDefault("64")
        int maxDetectors();
    }

    /** Intents by sentence embeddings (all-MiniLM-L6-v2, quantised). */
    interface Intents {
        /** The best intent's confidence (cosine similarity) from which it is the message's topic. */
        @WithDefault("0.4")
        double threshold();

        /** onnxruntime intra-op threads per embedding. */
        @WithDefault("1")
        int onnxThreads();

        /** Distinct intent lists whose phrase embeddings are kept. */
        @WithDefault("256")
        int maxIntentSets();

        /** Phrase embeddings kept (≈ 1.6 KB each). */
        @WithDefault("20000")
        int maxPhrases();
    }

    interface Api {
        /** What {@code limit} 0 or absent means. */
        @WithDefault("100")
        int defaultLimit();

        @WithDefault("1000")
        int maxLimit();
    }
}
