package io.switchboard.redaction.domain;

import com.github.pemistahl.lingua.api.Language;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The languages a partner's messages are told apart among: ISO 639-1 codes of the languages the detector
 * (lingua) has models for. Restricting detection to a partner's few languages is what makes it accurate on
 * short chat turns; 1–20 of them.
 */
public final class Languages {
    public static final int MAX = 20;
    /** Every ISO 639-1 code lingua detects (75 languages), lower case, sorted. */
    public static final Set<String> SUPPORTED = supported();

    private Languages() {
    }

    /**
     * An admin's list: 1–20 supported codes (any case, each kept once, in the admin's order: the first is the
     * fallback when a text is too short to tell). Null stays null: the service's default set.
     */
    public static List<String> define(List<String> requested) {
        if (requested == null) {
            return null;
        }
        if (requested.isEmpty() || requested.size() > MAX) {
            throw new InvalidCommandException("languages", "languages has 1-" + MAX + " ISO 639-1 codes");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String code = requested.get(i) == null ? "" : requested.get(i).strip().toLowerCase(Locale.ROOT);
            if (!SUPPORTED.contains(code)) {
                throw new InvalidCommandException("languages[" + i + "]",
                        "each language is an ISO 639-1 code the detector supports, one of " + SUPPORTED);
            }
            kept.add(code);
        }
        return List.copyOf(kept);
    }

    /** The configured default set, checked the same way (a wrong setting fails at start-up, naming itself). */
    public static List<String> configured(String property, List<String> codes) {
        try {
            List<String> defined = define(new ArrayList<>(codes));
            if (defined == null) {
                throw new IllegalArgumentException(property + " is required");
            }
            return defined;
        } catch (InvalidCommandException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> supported() {
        Set<String> codes = new TreeSet<>();
        for (Language language : Language.all()) {
            codes.add(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(codes);
    }
}
