package io.switchboard.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTimeTest {

    @Test
    void canonicalInstantsParseLikeTheGeneralIsoParser() {
        for (String text : List.of("2026-11-21T09:30:00.123Z", "2028-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
                "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2026-12-31T00:00:00.001Z")) {
            assertThat(WireTime.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String impossible : List.of("2026-02-29T10:00:00.000Z", "2026-11-31T10:00:00.000Z",
                "2026-11-21T24:00:00.000Z", "2026-11-21T10:60:00.000Z", "2026-13-01T10:00:00.000Z",
                "2026-11-21T10:00:0x.000Z")) {
            assertThatThrownBy(() -> WireTime.parse(impossible)).as(impossible)
                    .isInstanceOf(DateTimeParseException.class).hasMessageContaining(impossible);
        }
    }

    @Test
    void otherOffsetFormsAreReadAsUtcMilliseconds() {
        assertThat(WireTime.parse("2026-11-21T10:00:00.500+01:00")).isEqualTo(Instant.parse("2026-11-21T09:00:00.500Z"));
        assertThat(WireTime.parse("2026-11-21T09:30:00.123999Z")).isEqualTo(Instant.parse("2026-11-21T09:30:00.123Z"));
    }

    @Test
    void aCallersZoneIsRenderedWithItsOffsetAndNoZoneIsUtc() {
        Instant instant = Instant.parse("2026-11-21T10:00:00.120Z");
        assertThat(WireTime.format(instant, ZoneId.of("America/New_York"))).isEqualTo("2026-11-21T05:00:00.120-05:00");
        assertThat(WireTime.format(instant, ZoneId.of("UTC"))).isEqualTo("2026-11-21T10:00:00.120Z");
        assertThat(WireTime.format(instant, null)).isEqualTo("2026-11-21T10:00:00.120Z");
        assertThat(WireTime.format(null, ZoneId.of("UTC"))).isNull();
    }

    @Test
    void instantsFormatLikeTheFixedWidthPattern() {
        for (String text : List.of("2026-11-21T09:30:00.123456789Z", "2028-02-29T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                "0001-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z",
                "-0001-06-01T12:00:00Z")) {
            Instant instant = Instant.parse(text);
            assertThat(WireTime.format(instant)).as(text).isEqualTo(WireTime.FORMAT.format(instant));
        }
        assertThat(WireTime.format(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500Z");
        assertThat(WireTime.format(null)).isNull();
    }

    @Test
    void givenAnIsoInstantWithAnOffsetWhenAClientSendsItThenItIsThatInstant() {
        assertThat(WireTime.parse("2026-11-21T09:00:00.000Z", null, "f")).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(WireTime.parse("2026-11-21T10:00:00+01:00", null, "f")).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(WireTime.parse("0001-01-01T00:00:00Z", null, "f")).isEqualTo(WireTime.MIN);
        assertThat(WireTime.parse("9999-12-31T23:59:59.999Z", null, "f")).isEqualTo(WireTime.MAX);
    }

    @Test
    void givenALocalTimeAndAZoneWhenParsedThenItIsReadInThatZone() {
        assertThat(WireTime.parse("2026-11-21T04:00:00", ZoneId.of("America/New_York"), "f"))
                .isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
    }

    @Test
    void givenAnInstantOutsideTheYears1To9999OrNoInstantWhenParsedThenTheFieldIsNamed() {
        for (String text : new String[]{"+9999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
                "-0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "yesterday", "",
                "1767225600", "x".repeat(100)}) {
            assertThatThrownBy(() -> WireTime.parse(text, null, "updated_at[from]"))
                    .as(text).isInstanceOfSatisfying(WireTime.MalformedTimeException.class,
                            e -> assertThat(e.field()).isEqualTo("updated_at[from]"));
            assertThat(WireTime.tryParse(text, null)).as(text).isNull();
        }
        assertThatThrownBy(() -> WireTime.parse("99999-01-01T00:00:00", ZoneId.of("UTC"), "f"))
                .isInstanceOf(WireTime.MalformedTimeException.class);
    }
}
