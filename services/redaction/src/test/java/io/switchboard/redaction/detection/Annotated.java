package io.switchboard.redaction.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sentence written with its expected entities inline: {@code "call [NAME:john smith] on [NUMERIC:555 1234]"}. */
record Annotated(String text, List<EntitySpan> expected) {
    private static final Pattern MARK = Pattern.compile("\\[([A-Z_]+):([^\\]]+)]");

    static Annotated parse(String annotated) {
        StringBuilder text = new StringBuilder();
        List<EntitySpan> expected = new ArrayList<>();
        Matcher m = MARK.matcher(annotated);
        int at = 0;
        while (m.find()) {
            text.append(annotated, at, m.start());
            int start = text.length();
            text.append(m.group(2));
            expected.add(new EntitySpan(m.group(1), start, text.length(), 1.0));
            at = m.end();
        }
        text.append(annotated.substring(at));
        return new Annotated(text.toString(), expected);
    }

    /** Expected spans no detected span of the same type overlaps. */
    List<String> missed(List<EntitySpan> detected) {
        List<String> missed = new ArrayList<>();
        for (EntitySpan e : expected) {
            if (detected.stream().noneMatch(d -> d.type().equals(e.type()) && d.overlaps(e))) {
                missed.add(e.type() + " \"" + text.substring(e.start(), e.end()) + "\"");
            }
        }
        return missed;
    }

    /** Detected spans that overlap no expected span of their type. */
    List<String> spurious(List<EntitySpan> detected) {
        List<String> spurious = new ArrayList<>();
        for (EntitySpan d : detected) {
            if (expected.stream().noneMatch(e -> e.type().equals(d.type()) && d.overlaps(e))) {
                spurious.add(d.type() + " \"" + text.substring(d.start(), d.end()) + "\"");
            }
        }
        return spurious;
    }
}
