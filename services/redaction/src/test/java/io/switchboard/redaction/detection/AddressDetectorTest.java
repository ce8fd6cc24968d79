package io.switchboard.redaction.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressDetectorTest {
    private static final Redactor REDACTOR = Redactor.create();

    private static List<String> found(String text) {
        return REDACTOR.detect(text, RedactionPolicy.defaults()).stream()
                .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void multiLineAddressNumbersAndPlaces() {
        assertThat(found("6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677")).containsExactly(
                "NUMERIC:6750", "GPE:Koskikatu", "NUMERIC:25", "NUMERIC:864", "GPE:Artilleros", "GPE:CO",
                "GPE:Uruguay", "NUMERIC:64677");
    }

    @Test
    void streetsWithPrefixesSuffixesAndKeywords() {
        assertThat(found("meet me at 24 Clarke Avenue")).containsExactly("NUMERIC:24", "GPE:Clarke");
        assertThat(found("send it to Rua Diadema 1903")).contains("NUMERIC:1903");
        assertThat(found("it is at Puruntie 82")).contains("NUMERIC:82");
        assertThat(found("6614 Luite tee 87")).containsExactly("NUMERIC:6614", "GPE:Luite", "NUMERIC:87");
    }

    @Test
    void quotedBlocksKeepTheirAddress() {
        assertThat(found(">228 Ringvej 144\n>Apt. 902\n>Qaqortoq\n>Greenland 96817")).containsExactly(
                "NUMERIC:228", "GPE:Ringvej", "NUMERIC:144", "NUMERIC:902", "GPE:Qaqortoq", "GPE:Greenland",
                "NUMERIC:96817");
    }

    @Test
    void anAddressStopsAtTheSentence() {
        assertThat(found("I'll meet you at 1668 Glyn St after the concert. Please call me"))
                .containsExactly("NUMERIC:1668", "GPE:Glyn");
    }
}
