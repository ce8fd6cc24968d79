package io.switchboard.objectstore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerKeysTest {
    @Test
    void plainPartnerIdsAreTheirOwnSegment() {
        assertThat(PartnerKeys.segment("acme")).isEqualTo("acme");
        assertThat(PartnerKeys.segment("acme-eu_2")).isEqualTo("acme-eu_2");
    }

    @Test
    void anyOtherPartnerIdIsHexSoItCannotSpellAPath() {
        assertThat(PartnerKeys.segment("../globex")).isEqualTo("x-2e2e2f676c6f626578");
        assertThat(PartnerKeys.segment("Acme")).isEqualTo("x-41636d65");
        assertThat(PartnerKeys.segment("a/b")).doesNotContain("/");
        // "x-" marks the encoded form, so an id that starts with it is encoded too: partner "x-41636d65" is not
        // given the segment of partner "Acme".
        assertThat(PartnerKeys.segment("x-41636d65")).isNotEqualTo(PartnerKeys.segment("Acme"))
                .isEqualTo("x-782d3431363336643635");
    }

    @Test
    void aPartnerIdIsRequired() {
        assertThatThrownBy(() -> PartnerKeys.segment("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartnerKeys.segment(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
