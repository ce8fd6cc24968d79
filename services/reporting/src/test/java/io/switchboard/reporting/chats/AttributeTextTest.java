package io.switchboard.reporting.chats;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A custom-data value becomes the text attributes are matched against: strings as sent, anything else as JSON. */
class AttributeTextTest {
    @Test
    void stringsStayAsSentAndOtherValuesAreTheirJson() {
        assertThat(ChatProjection.attributeText("A-1001")).isEqualTo("A-1001");
        assertThat(ChatProjection.attributeText("\"quoted\"")).isEqualTo("\"quoted\"");
        assertThat(ChatProjection.attributeText(3)).isEqualTo("3");
        assertThat(ChatProjection.attributeText(2.5)).isEqualTo("2.5");
        assertThat(ChatProjection.attributeText(true)).isEqualTo("true");
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("city", "Lisbon");
        object.put("nights", 3);
        assertThat(ChatProjection.attributeText(object)).isEqualTo("{\"city\":\"Lisbon\",\"nights\":3}");
        assertThat(ChatProjection.attributeText(List.of("a", 1))).isEqualTo("[\"a\",1]");
    }
}
