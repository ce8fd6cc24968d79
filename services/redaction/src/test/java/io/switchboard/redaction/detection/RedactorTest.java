package io.switchboard.redaction.detection;

import io.switchboard.redaction.domain.MaskStyle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RedactorTest {
    private static final Redactor REDACTOR = Redactor.create();
    private static final String MESSAGE = "hi, my name is john smith and my order AB12345 hasn't arrived, call me on 555 123 4567";

    @Test
    void redactsEachEntityWithItsTypeLabel() {
        Redaction r = REDACTOR.redact(MESSAGE, RedactionPolicy.defaults());
        assertThat(r.text()).isEqualTo(
                "hi, my name is ****NAME**** and my order ****ID**** hasn't arrived, call me on ****NUMERIC****");
        assertThat(r.entities()).extracting(EntitySpan::type).containsExactly("NAME", "ID", "NUMERIC");
        assertThat(r.entities().get(0)).satisfies(s -> {
            assertThat(MESSAGE.substring(s.start(), s.end())).isEqualTo("john smith");
            assertThat(s.score()).isBetween(0.5, 1.0);
        });
    }

    @Test
    void maskStylesAndSkippedTypes() {
        RedactionPolicy stars = RedactionPolicy.builder().maskStyle(MaskStyle.STARS).skip(EntityType.ID).build();
        assertThat(REDACTOR.redact(MESSAGE, stars).text())
                .isEqualTo("hi, my name is **** and my order AB12345 hasn't arrived, call me on ****");
        RedactionPolicy same = RedactionPolicy.builder().maskStyle(MaskStyle.SAME_LENGTH).only(EntityType.NAME).build();
        assertThat(REDACTOR.redact(MESSAGE, same).text()).hasSameSizeAs(MESSAGE).contains("is ********** and");
        RedactionPolicy brackets = RedactionPolicy.builder().maskStyle(MaskStyle.BRACKETS).only(EntityType.NUMERIC).build();
        assertThat(REDACTOR.redact(MESSAGE, brackets).text()).endsWith("call me on [NUMERIC]");
    }

    @Test
    void overlapsAreResolvedByScoreThenLength() {
        List<EntitySpan> kept = SpanResolver.resolve(List.of(
                new EntitySpan("NAME", 0, 3, 0.6), new EntitySpan("DATE", 0, 6, 0.9),
                new EntitySpan("NUMERIC", 10, 20, 0.8), new EntitySpan("ID", 10, 22, 0.8),
                new EntitySpan("GPE", 30, 35, 0.7), new EntitySpan("ORG", 30, 35, 0.7)));
        assertThat(kept).extracting(EntitySpan::type).containsExactly("DATE", "ID", "GPE");
    }

    @Test
    void inputsAreBounded() {
        assertThatThrownBy(() -> REDACTOR.redact("x".repeat(16 * 1024 + 1), RedactionPolicy.defaults()))
                .isInstanceOf(TextTooLongException.class).hasMessageContaining("16384");
        assertThat(REDACTOR.redact("x".repeat(16 * 1024), RedactionPolicy.defaults()).entities()).isEmpty();
        assertThatThrownBy(() -> REDACTOR.redact(null, RedactionPolicy.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingPrintsTheValues() {
        Redaction r = REDACTOR.redact(MESSAGE, RedactionPolicy.builder().only(EntityType.ID).build());
        assertThat(r.toString()).doesNotContain("john").doesNotContain("AB12345").doesNotContain("555");
        assertThat(r.entities().toString()).doesNotContain("AB12345");
    }

    @Test
    void largeMessagesStayFast() {
        String big = (MESSAGE + " ").repeat(16 * 1024 / (MESSAGE.length() + 1));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(REDACTOR.redact(big, RedactionPolicy.defaults()).entities()).hasSizeGreaterThan(100));
    }

    @Test
    void companiesKeepTheirAbbreviationsPeriodAndRegionCodesArePlaces() {
        String text = "I work for Miller Ltd. and ship to 12 Baker Street, Toronto, ON 82269";
        List<EntitySpan> spans = REDACTOR.detect(text, RedactionPolicy.defaults());
        assertThat(spans).extracting(s -> s.type() + ":" + text.substring(s.start(), s.end()))
                .contains("ORG:Miller Ltd.", "GPE:Toronto", "GPE:ON", "NUMERIC:82269");
        // "on" stays a word outside an address's "city, XX postcode" slot
        assertThat(REDACTOR.redact("call me back on 5 May, ok", RedactionPolicy.defaults()).text()).startsWith("call me back on ");
    }

    @Test
    void aNameDoesNotSwitchAlphabets() {
        String text = "the song is by Szabina J Gelencs\u00e9r \u05d2\u20ac\u201c go figure";
        List<EntitySpan> spans = REDACTOR.detect(text, RedactionPolicy.defaults());
        assertThat(spans).extracting(s -> text.substring(s.start(), s.end())).contains("Szabina J Gelencs\u00e9r");
    }

    @Test
    void organisationsFromTheirDescriptionAndFromSignatureBlocks() {
        String described = "Telenav is a design agency based in Kulusuk, and Maria is a bank manager";
        assertThat(REDACTOR.detect(described, RedactionPolicy.defaults()))
                .extracting(s -> s.type() + ":" + described.substring(s.start(), s.end()))
                .contains("ORG:Telenav").doesNotContain("ORG:Maria");
        String signature = "Best,\nMarisa Alves\nLegistorm\n09457 Vana-Viru 25 Apt. 971\nMobile: 432 03 163";
        assertThat(REDACTOR.detect(signature, RedactionPolicy.defaults()))
                .extracting(s -> s.type() + ":" + signature.substring(s.start(), s.end()))
                .contains("NAME:Marisa Alves", "ORG:Legistorm");
        // "Name / Company / Name / address": the repeated name stays a person
        String repeated = "> Lina Artemova\n> Irecycle\n> Lina Artemova\n> 2224 Trenerys gate 232";
        assertThat(REDACTOR.detect(repeated, RedactionPolicy.defaults()))
                .extracting(s -> s.type() + ":" + repeated.substring(s.start(), s.end()))
                .contains("ORG:Irecycle").doesNotContain("ORG:Lina Artemova");
    }

    @Test
    void aFirstNameThatIsAlsoAWordOpensASentenceAsAPerson() {
        assertThat(REDACTOR.redact("John is nice, he fixed it", RedactionPolicy.defaults()).text())
                .isEqualTo("****NAME**** is nice, he fixed it");
    }
}
