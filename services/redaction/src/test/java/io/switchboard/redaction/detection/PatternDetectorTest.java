package io.switchboard.redaction.detection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatternDetectorTest {
    private final PatternDetector detector = new PatternDetector();

    private List<String> found(String text) {
        List<EntitySpan> out = new ArrayList<>();
        detector.detect(new Text(text), out);
        return SpanResolver.resolve(out).stream()
                .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void emails() {
        assertThat(found("write to anna.b+x@sub.example.co.uk or bob@ex.io."))
                .containsExactly("EMAIL:anna.b+x@sub.example.co.uk", "EMAIL:bob@ex.io");
        assertThat(found("not an email: user@localhost")).isEmpty();
    }

    @Test
    void moneyWithAndWithoutSymbols() {
        assertThat(found("$40, 40 dollars, EUR 12,50, €1.250,00, 300 euros, twelve bucks, 5k USD"))
                .containsExactly("MONEY:$40", "MONEY:40 dollars", "MONEY:EUR 12,50", "MONEY:€1.250,00",
                        "MONEY:300 euros", "MONEY:twelve bucks", "MONEY:5k USD");
        assertThat(found("I have 40 apples and a dollar store nearby")).isEmpty();
    }

    @Test
    void datesInManyForms() {
        assertThat(found("May 23; 23/05/2024; 2024-05-23; next Monday; 1st of June 2020; Sept. 3, 2024; 5/23"))
                .containsExactly("DATE:May 23", "DATE:23/05/2024", "DATE:2024-05-23", "DATE:next Monday",
                        "DATE:1st of June 2020", "DATE:Sept. 3, 2024", "DATE:5/23");
        assertThat(found("may I help? I sat on the sun deck")).isEmpty();
        assertThat(found("founded in 1977")).containsExactly("DATE:1977");
    }

    @Test
    void timesAndTheirDates() {
        assertThat(found("at 10:30 am, 14:00, 6pm or noon")).containsExactly("TIME:10:30 am", "TIME:14:00",
                "TIME:6pm", "TIME:noon");
        assertThat(found("1978-04-13 12:20:39")).containsExactly("DATE:1978-04-13", "TIME:12:20:39");
    }

    @Test
    void digitsOnlyAreNumericLettersAndDigitsAreIds() {
        assertThat(found("card 4111 1111 1111 1111, ssn 123-45-6789, phone (415) 555-0132, ip 10.0.0.12"))
                .containsExactly("NUMERIC:4111 1111 1111 1111", "NUMERIC:123-45-6789", "NUMERIC:(415) 555-0132",
                        "NUMERIC:10.0.0.12");
        assertThat(found("IBAN GB33BUKB20201555555555, order AB12345, licence U62928788557186, ref ORD-2024-8812"))
                .containsExactly("ID:GB33BUKB20201555555555", "ID:AB12345", "ID:U62928788557186", "ID:ORD-2024-8812");
        assertThat(found("call 463-612-6138x036")).containsExactly("ID:463-612-6138x036");
        assertThat(found("ipv6 6e40:4041:c617:e898:c11:40d2:c669:2eb4")).containsExactly("ID:6e40:4041:c617:e898:c11:40d2:c669:2eb4");
    }

    @Test
    void shortNumbersOnlyWithACue() {
        assertThat(found("I ordered 2 items, top 20 songs, #15, turned 58, Blink-182, mp3, 10th, 4pm")).containsExactly("TIME:4pm");
        assertThat(found("my pin is 4821, apt 5, order number: 4411"))
                .containsExactly("NUMERIC:4821", "NUMERIC:5", "NUMERIC:4411");
        assertThat(found("zip 90210")).containsExactly("NUMERIC:90210");
    }

    @Test
    void validationRaisesTheScore() {
        assertThat(PatternDetector.luhn("4111111111111111")).isTrue();
        assertThat(PatternDetector.luhn("4111111111111112")).isFalse();
        assertThat(PatternDetector.ibanValid("GB82WEST12345698765432")).isTrue();
        assertThat(PatternDetector.ibanValid("GB82WEST12345698765433")).isFalse();
        List<EntitySpan> out = new ArrayList<>();
        detector.detect(new Text("4111111111111111, 4111111111111112"), out);
        assertThat(out).extracting(EntitySpan::score).containsExactly(1.0, 0.9);
    }
}
