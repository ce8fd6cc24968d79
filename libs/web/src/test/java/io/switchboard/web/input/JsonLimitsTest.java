package io.switchboard.web.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLimitsTest {
    private final JsonLimits limits = new JsonLimits(2, 3, 4, 2);

    @Test
    void givenAValueWithinTheLimitsThenThereIsNoViolation() throws Exception {
        assertThat(limits.check(Map.of("a", List.of("abcd", true)))).isEmpty();
        assertThat(limits.check(new ObjectMapper().readTree("{\"a\": [\"abcd\"]}"))).isEmpty();
        assertThat(limits.check(null)).isEmpty();
    }

    @Test
    void givenAValueBeyondALimitThenTheViolationNamesTheEntry() throws Exception {
        assertThat(limits.check(Map.of("a", Map.of("b", "abcde")))).get()
                .isEqualTo(new JsonLimits.Violation("a.b", "is at most 4 characters"));
        assertThat(limits.check(List.of(1, 2, 3))).get().extracting(JsonLimits.Violation::path).isEqualTo("");
        assertThat(limits.check(Map.of("long", 1))).get().extracting(JsonLimits.Violation::message)
                .asString().contains("key longer than 3");
        assertThat(limits.check(new ObjectMapper().readTree("{\"a\": [[1]]}"))).get()
                .isEqualTo(new JsonLimits.Violation("a[0]", "nests deeper than 2 levels"));
        assertThat(limits.check(new ObjectMapper().readTree("{\"a\": [\"x\", \"abcde\"]}"))).get()
                .extracting(JsonLimits.Violation::path).isEqualTo("a[1]");
    }
}
