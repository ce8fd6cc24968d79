package io.switchboard.redaction.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the PII in a text and redacts it under a partner's {@link RedactionPolicy}. Thread-safe and
 * meant to be shared: build one at start-up ({@link #create()}), which loads the gazetteers once.
 *
 * <pre>{@code
 * Redaction r = Redactor.create().redact("hi, my name is john smith, call me on 555 123 4567",
 *         RedactionPolicy.defaults());
 * r.text();      // "hi, my name is ****NAME****, call me on ****NUMERIC****"
 * r.entities();  // [EntitySpan[type=NAME, start=15, end=25, score=0.9], EntitySpan[type=NUMERIC, …]]
 * }</pre>
 */
public final class Redactor {
    /** The designs compared in the quality benchmark (services/redaction/README.md#detection). */
    public enum Design {
        /** Validated patterns, address structure, gazetteers and context cues (design A). */
        RULES,
        /** Patterns, addresses and gazetteer look-ups only: no cue words, no guess for unknown words (design B). */
        GAZETTEERS_ONLY,
        /** Patterns and addresses, with NAME, ORG and GPE from the trained name model alone (design C). */
        STATISTICAL,
        /** Design A's rules and the trained name model together (design A+C, the default). */
        COMBINED
    }

    private final Design design;
    private final List<Detector> detectors;

    private Redactor(Design design, List<Detector> detectors) {
        this.design = design;
        this.detectors = List.copyOf(detectors);
    }

    /** The default design, A+C (services/redaction/README.md#detection). */
    public static Redactor create() {
        return create(Design.COMBINED);
    }

    public static Redactor create(Design design) {
        Gazetteers g = Gazetteers.shared();
        List<Detector> detectors = new ArrayList<>();
        detectors.add(new PatternDetector());
        detectors.add(new AddressDetector());
        switch (design) {
            case RULES, GAZETTEERS_ONLY -> detectors.add(new ProperNounDetector(g, design == Design.RULES));
            case STATISTICAL -> detectors.add(new StatisticalNameDetector(NameModel.shared(), 0.0));
            case COMBINED -> detectors.add(new CombinedNameDetector(new ProperNounDetector(g, true), NameModel.shared()));
        }
        return new Redactor(design, detectors);
    }

    public Design design() {
        return design;
    }

    /** The entities of the types {@code policy} redacts, disjoint and in text order. */
    public List<EntitySpan> detect(String text, RedactionPolicy policy) {
        check(text, policy);
        Text analysed = new Text(text);
        List<EntitySpan> candidates = new ArrayList<>();
        for (Detector d : detectors) {
            d.detect(analysed, candidates);
        }
        List<EntitySpan> wanted = new ArrayList<>(candidates.size());
        for (EntitySpan s : candidates) {
            if (s.score() >= policy.minScore() && policy.redacts(s.type())) {
                wanted.add(s);
            }
        }
        return SpanResolver.resolve(wanted);
    }

    /** The redacted text: each entity replaced by its mask ({@link RedactionPolicy#maskStyle()}). */
    public Redaction redact(String text, RedactionPolicy policy) {
        List<EntitySpan> spans = detect(text, policy);
        StringBuilder b = new StringBuilder(text.length() + spans.size() * 12);
        int at = 0;
        for (EntitySpan s : spans) {
            b.append(text, at, s.start()).append(policy.maskStyle().mask(s.type(), s.length()));
            at = s.end();
        }
        b.append(text, at, text.length());
        return new Redaction(b.toString(), spans);
    }

    private static void check(String text, RedactionPolicy policy) {
        if (text == null || policy == null) {
            throw new IllegalArgumentException("text and policy are required");
        }
        if (text.length() > policy.maxTextLength()) {
            throw new TextTooLongException(text.length(), policy.maxTextLength());
        }
    }

    @Override
    public String toString() {
        return "Redactor[" + design + "]";
    }
}
