package io.switchboard.reporting.projection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-built SQL texts the projections send: array literals and sets of stream positions. */
class ArrayLiteralAndMultirangeTest {

    @Test
    void arrayLiteralsQuoteTextAndWriteNullsNumbersAndInstantsBare() {
        assertThat(ArrayLiteral.of(Arrays.asList(1L, null, 3, true))).isEqualTo("{1,NULL,3,true}");
        assertThat(ArrayLiteral.of(List.of("a", "say \"hi\"", "back\\slash", "NULL", "{x,y}", "")))
                .isEqualTo("{\"a\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"NULL\",\"{x,y}\",\"\"}");
        assertThat(ArrayLiteral.of(List.of(Instant.parse("2026-11-21T09:30:00.120Z"))))
                .isEqualTo("{2026-11-21T09:30:00.120Z}");
        assertThat(ArrayLiteral.of(List.of())).isEqualTo("{}");
    }

    @Test
    void positionsBecomeTheFewestHalfOpenRanges() {
        assertThat(AppliedStreams.Multirange.of(new TreeSet<>(List.of(1L, 2L, 3L, 7L, 9L, 10L))))
                .isEqualTo("{[1,4),[7,8),[9,11)}");
        assertThat(AppliedStreams.Multirange.of(new TreeSet<>(List.of(42L)))).isEqualTo("{[42,43)}");
    }

    @Test
    void storedSetsAreReadBackAsPostgresPrintsThem() {
        AppliedStreams.Multirange stored = AppliedStreams.Multirange.parse("{[1,4),[7,8)}");

        assertThat(List.of(0L, 1L, 3L, 4L, 6L, 7L, 8L).stream().filter(stored::contains).toList())
                .containsExactly(1L, 3L, 7L);
        assertThat(AppliedStreams.Multirange.parse("{}").contains(1)).isFalse();
    }
}
