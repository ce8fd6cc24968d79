package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custom entities: the admission rules, the catastrophic-backtracking probe and whole-word lists. */
class CustomEntityTest {

    /**
     * Exponential ones. (Since JDK 9 java.util.regex remembers failed positions of a greedy group loop, so the
     * textbook {@code (a+)+$} is no longer exponential and passes; a polynomial pattern the probes do not trip is
     * stopped at match time, BasicAnalyzerTest.)
     */
    @Test
    void catastrophicPatternsAreRefusedWhenDefined() {
        for (String evil : List.of("(a|aa)+$", "(\\w|\\d)*!x", "(\\w|\\d)*$", "(\\s*,?\\s*)*x", "^(([a-z])+.)+[A-Z]([a-z])+$")) {
            assertThatThrownBy(() -> CustomEntity.define("EVIL", evil, null)).as(evil)
                    .isInstanceOf(InvalidCommandException.class)
                    .satisfies(e -> assertThat(((InvalidCommandException) e).field()).isEqualTo("regex"));
        }
    }

    @Test
    void linearPatternsPass() {
        for (String fine : List.of("ORD-[0-9]{6}", "\\b[A-Z]{2}[0-9]{2}(?: ?[0-9A-Z]{4}){3,7}\\b", "(?i)project\\s+\\w+",
                "[a-z]+@[a-z]+\\.[a-z]{2,}")) {
            assertThat(CustomEntity.define("FINE", fine, null).regex()).isEqualTo(fine);
        }
    }

    @Test
    void labelsAndSizesAreChecked() {
        assertThatThrownBy(() -> CustomEntity.define("NAME", "x", null)).hasMessageContaining("built-in");
        assertThatThrownBy(() -> CustomEntity.define("9LIVES", "x", null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> CustomEntity.define("A".repeat(33), "x", null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> CustomEntity.define("LONG", "x".repeat(513), null)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> CustomEntity.define("OPEN", "(x", null)).hasMessageContaining("does not compile");
        List<String> many = new ArrayList<>(Collections.nCopies(1_001, "w"));
        assertThatThrownBy(() -> CustomEntity.define("MANY", null, many)).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> CustomEntity.define("WIDE", null, List.of("w".repeat(101)))).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void wordListsMatchWholeWordsInAnyCaseAndSpacing() {
        CustomEntity vip = CustomEntity.define("VIP", null, List.of("Ann Lee", "ann", "K.O. Corp"));
        List<Analysis.Entity> found = new ArrayList<>();
        vip.find("ANN  lee met anna and ann, then k.o. corp; banner", found);
        assertThat(found).extracting(Analysis.Entity::start).containsExactly(0, 22, 32);
        assertThat(found.get(0).end()).isEqualTo(8);
    }

    @Test
    void aDefinitionNeverPrintsItsWordsOrMatches() {
        CustomEntity secret = CustomEntity.define("SECRET", null, List.of("project falcon"));
        assertThat(secret.toString()).contains("SECRET").doesNotContain("falcon");
        List<Analysis.Entity> found = new ArrayList<>();
        secret.find("about Project Falcon's budget", found);
        assertThat(found).singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain("alcon"));
    }
}
