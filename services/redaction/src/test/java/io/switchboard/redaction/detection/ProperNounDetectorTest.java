package io.switchboard.redaction.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Design A's NAME, GPE and ORG through the whole {@link Redactor} (they depend on the other detectors' spans). */
class ProperNounDetectorTest {
    private static final Redactor REDACTOR = Redactor.create(Redactor.Design.RULES);

    private static List<String> found(String text) {
        return REDACTOR.detect(text, RedactionPolicy.defaults()).stream()
                .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void namesFromGazetteersWithInitialsAndUnknownSurnames() {
        assertThat(found("Magda K. Björklund and Szabina J Gelencsér were there"))
                .containsExactly("NAME:Magda K. Björklund", "NAME:Szabina J Gelencsér");
        assertThat(found("Talk to Yefremova about it")).containsExactly("NAME:Yefremova");
    }

    @Test
    void wordsThatAreNamesNeedEvidence() {
        assertThat(found("Will you send it? May I ask? Bill me later.")).isEmpty();
        assertThat(found("I spoke to Rose yesterday")).containsExactly("NAME:Rose");
        assertThat(found("Capitalized words like Wisdom and Discipline are often mistaken with names.")).isEmpty();
    }

    @Test
    void lowerCaseNamesNeedACueOrAFullName() {
        assertThat(found("my name is john smith")).containsExactly("NAME:john smith");
        assertThat(found("can you ask giulia rossi")).containsExactly("NAME:giulia rossi");
        assertThat(found("i will bill you later")).isEmpty();
    }

    @Test
    void dialogueSpeakersAndPossessives() {
        assertThat(found("Zuzana: \"Who are you?\"")).containsExactly("NAME:Zuzana");
        assertThat(found("It was Jennifer's idea")).containsExactly("NAME:Jennifer");
    }

    @Test
    void placesFromGazetteersAndCues() {
        assertThat(found("We moved here from New Zealand")).containsExactly("GPE:New Zealand");
        assertThat(found("serving Southern Tunisia")).containsExactly("GPE:Tunisia");
        assertThat(found("He grew up in Shelly Park")).containsExactly("GPE:Shelly Park");
        assertThat(found("Czech food is great")).isEmpty();
    }

    @Test
    void organisationsByShape() {
        assertThat(found("I work at Civic Impulse LLC")).containsExactly("ORG:Civic Impulse LLC");
        assertThat(found("We hired White, Willis and Hoffman.")).containsExactly("ORG:White, Willis and Hoffman");
        assertThat(found("It was built by Thomas and Sons")).containsExactly("ORG:Thomas and Sons");
        assertThat(found("Flightaware is hiring")).containsExactly("ORG:Flightaware");
    }

    @Test
    void webAddressesAreNotNames() {
        assertThat(found("see http://www.ClickPhobia.com.br/ for more")).isEmpty();
    }
}
