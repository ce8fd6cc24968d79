package io.switchboard.redaction.detection;

import java.util.Arrays;
import java.util.Set;

/** Word-list helpers. */
final class Words {
    private Words() {
    }

    /** An immutable set of words (duplicates allowed in the list). */
    static Set<String> set(String... words) {
        return Set.copyOf(Arrays.asList(words));
    }
}
