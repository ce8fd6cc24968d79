package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An intent of the partner ("cancel_order") with the example phrases that express it; a message's
 * confidence for the intent is its best match among the phrases. Limits: a name of 1–100 characters, 1–50
 * phrases of 1–500 characters (blank ones refused, duplicates kept once).
 */
public record Intent(String name, List<String> phrases) {
    public static final int MAX_NAME = 100;
    public static final int MAX_PHRASES = 50;
    public static final int MAX_PHRASE = 500;

    public Intent {
        phrases = List.copyOf(phrases);
    }

    /** A definition from an admin, every limit checked. */
    public static Intent define(String name, List<String> phrases) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidCommandException("name", "name has 1-" + MAX_NAME + " characters");
        }
        if (phrases == null || phrases.isEmpty() || phrases.size() > MAX_PHRASES) {
            throw new InvalidCommandException("phrases", "phrases has 1-" + MAX_PHRASES + " entries");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < phrases.size(); i++) {
            String phrase = phrases.get(i) == null ? "" : phrases.get(i).strip();
            if (phrase.isEmpty() || phrase.length() > MAX_PHRASE) {
                throw new InvalidCommandException("phrases[" + i + "]", "each phrase has 1-" + MAX_PHRASE + " characters");
            }
            kept.add(phrase);
        }
        return new Intent(trimmed, List.copyOf(kept));
    }
}
