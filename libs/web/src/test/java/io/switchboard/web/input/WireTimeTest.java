package io.switchboard.web.input;

import io.switchboard.eventstore.decider.InvalidCommandException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTimeTest {

    @Test
    void givenAnIsoInstantWithAnOffsetWhenParsedThenItIsThatInstant() {
        assertThat(WireTime.parse("2026-11-21T09:00:00.000Z", "f")).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(WireTime.parse("2026-11-21T10:00:00+01:00", "f")).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(WireTime.parse("0001-01-01T00:00:00Z", "f")).isEqualTo(WireTime.MIN);
        assertThat(WireTime.parse("9999-12-31T23:59:59.999Z", "f")).isEqualTo(WireTime.MAX);
    }

    @Test
    void givenALocalTimeAndAZoneWhenParsedThenItIsReadInThatZone() {
        assertThat(WireTime.parse("2026-11-21T04:00:00", ZoneId.of("America/New_York"), "f"))
                .isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
    }

    @Test
    void givenAnInstantOutsideTheYears1To9999OrNoInstantWhenParsedThenItIsA400NamingTheField() {
        for (String text : new String[]{"+9999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
                "-0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "yesterday", "",
                "1767225600", "x".repeat(100)}) {
            assertThatThrownBy(() -> WireTime.parse(text, "updated_at[from]"))
                    .as(text).isInstanceOfSatisfying(InvalidCommandException.class,
                            e -> assertThat(e.field()).isEqualTo("updated_at[from]"));
        }
        assertThatThrownBy(() -> WireTime.parse("99999-01-01T00:00:00", ZoneId.of("UTC"), "f"))
                .isInstanceOf(InvalidCommandException.class);
    }
}
