package io.switchboard.eventstore.position;

import io.switchboard.eventstore.position.PositionToken.MalformedPositionTokenException;
import io.switchboard.eventstore.position.PositionToken.StreamPosition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionTokenTest {

    @Test
    void a_token_survives_the_wire_unchanged() {
        PositionToken token = new PositionToken("partner-1", List.of(
                new StreamPosition("chat", "chat-42", 7), new StreamPosition("call", "call-with spaces ünï", 1)));

        String encoded = token.encode();

        assertThat(encoded).startsWith("v1.").matches("[A-Za-z0-9._-]+");
        assertThat(PositionToken.decode(encoded)).isEqualTo(token);
    }

    @Test
    void several_writes_of_a_stream_keep_the_highest_version() {
        PositionToken token = PositionToken.of("p", List.of(new StreamPosition("chat", "chat-1", 3),
                new StreamPosition("agent", "agent-9", 2), new StreamPosition("chat", "chat-1", 5),
                new StreamPosition("chat", "chat-1", 4)));

        assertThat(token.streams()).containsExactly(new StreamPosition("chat", "chat-1", 5),
                new StreamPosition("agent", "agent-9", 2));
    }

    @Test
    void garbage_is_refused_with_a_reason() {
        for (String garbage : List.of("", "v2.abc", "v1.", "v1.!!!", "v1." + b64("p"), "v1." + b64("p\nchat x chat-1"),
                "v1." + b64("p\nchat 0 chat-1"), "v1." + b64("p\nChat 1 chat-1"), "v1." + b64("\nchat 1 chat-1"),
                "v1." + b64("p\nchat 1 "), "v1." + b64("p\u0001\nchat 1 chat-1"), "v1." + b64("p\nchat 99999999999999999999 c"),
                "v1.".repeat(1000))) {
            assertThatThrownBy(() -> PositionToken.decode(garbage)).as(garbage)
                    .isInstanceOf(MalformedPositionTokenException.class);
        }
    }

    @Test
    void invalid_utf8_is_refused() {
        String encoded = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[]{'p', '\n', (byte) 0xC3, 0x28});
        assertThatThrownBy(() -> PositionToken.decode(encoded)).isInstanceOf(MalformedPositionTokenException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void a_token_names_a_bounded_number_of_streams() {
        List<StreamPosition> many = new ArrayList<>();
        for (int i = 0; i <= PositionToken.MAX_STREAMS; i++) {
            many.add(new StreamPosition("chat", "chat-" + i, 1));
        }
        assertThatThrownBy(() -> PositionToken.of("p", many)).isInstanceOf(IllegalArgumentException.class);

        StringBuilder text = new StringBuilder("p");
        many.forEach(s -> text.append('\n').append(s.aggregateType()).append(' ').append(s.version()).append(' ').append(s.aggregateId()));
        assertThatThrownBy(() -> PositionToken.decode("v1." + b64(text.toString())))
                .isInstanceOf(MalformedPositionTokenException.class);
    }

    @Test
    void the_partner_is_bound_into_the_token() {
        PositionToken token = PositionToken.decode(new PositionToken("acme", List.of(new StreamPosition("chat", "chat-1", 1))).encode());
        assertThat(token.partnerId()).isEqualTo("acme");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
