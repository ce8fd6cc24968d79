package io.switchboard.redaction.domain;

import java.util.List;

/**
 * What {@link MessageAnalyzer} found in one text: the redacted text, the redacted entities (by offsets into
 * the original, never their values), the sentiment in [-1, 1], the language, the best intent ({@code topic},
 * with its confidence {@code score}; both null without one) and the best three intents.
 */
public record Analysis(String redactedText, List<Entity> entities, double sentiment, String lang, String topic,
                       Double score, List<TopMatch> topMatches) {
    /** The longest text analysed (the chat service accepts messages of up to 10,000 characters). */
    public static final int MAX_TEXT_LENGTH = 16_384;
    /** How many intents {@link #topMatches()} lists at most. */
    public static final int TOP_MATCHES = 3;
    /** The type of the one entity that covers a message that could not be analysed ({@link #fullyMasked}). */
    public static final String UNANALYSED = "REDACTED";

    public Analysis {
        entities = List.copyOf(entities);
        topMatches = List.copyOf(topMatches);
        if (!(sentiment >= -1 && sentiment <= 1)) {
            throw new IllegalArgumentException("sentiment must be in [-1, 1]");
        }
    }

    /** One detected entity: its type label, offsets into the original text and a score in (0, 1]. */
    public record Entity(String type, int start, int end, double score) {
    }

    /** An intent of the partner, the confidence in [0, 1] that the text expresses it, and its closest phrase. */
    public record TopMatch(String intent, double confidence, String phrase) {
    }

    /**
     * A text no analyzer could be trusted with (the analyzer failed on it): all of it masked as one entity,
     * so nothing of it is kept, and no intent or sentiment.
     */
    public static Analysis fullyMasked(int textLength, String lang, MaskStyle style) {
        List<Entity> all = textLength == 0 ? List.of() : List.of(new Entity(UNANALYSED, 0, textLength, 1.0));
        return new Analysis(textLength == 0 ? "" : style.mask(UNANALYSED, textLength), all, 0, lang, null, null, List.of());
    }

    /** Never the text, so that printing an analysis by mistake shows nothing of the message. */
    @Override
    public String toString() {
        return "Analysis[" + entities.size() + " entities, sentiment " + sentiment + ", lang " + lang + ", topic " + topic + "]";
    }
}
