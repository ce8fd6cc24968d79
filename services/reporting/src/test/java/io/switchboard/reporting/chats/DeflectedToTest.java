package io.switchboard.reporting.chats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The deflection channel a chat's finish reason names (the chat service's "deflected to <channel>"). */
class DeflectedToTest {
    @Test
    void aFinishReasonNamesTheChannelOnlyInTheChatServicesWording() {
        assertThat(ChatProjection.deflectedTo("deflected to email")).isEqualTo("email");
        assertThat(ChatProjection.deflectedTo("deflected to ")).isNull();
        assertThat(ChatProjection.deflectedTo("resolved")).isNull();
        assertThat(ChatProjection.deflectedTo("Deflected to email")).isNull();
        assertThat(ChatProjection.deflectedTo(null)).isNull();
    }
}
