package io.switchboard.reporting.dataapi;

import io.switchboard.reporting.dataapi.conversations.ConversationId;
import io.switchboard.reporting.dataapi.conversations.Cursor;
import io.switchboard.reporting.dataapi.graphql.DataGraph;
import io.switchboard.reporting.dataapi.policy.DataActions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain Java: conversation ids, cursors, and the schema's queries as policy actions. */
class ConversationCursorTest {

    @Test
    void aCursorRoundTripsAndAnythingElseIsNoCursor() {
        Instant at = Instant.parse("2026-11-21T10:00:00.123456Z");
        Cursor cursor = new Cursor(Cursor.micros(at), "call", 501, "acme|odd");
        Cursor back = Cursor.decode(cursor.encode());
        assertThat(back).isEqualTo(cursor);
        assertThat(back.createdAt()).isEqualTo(at);
        assertThat(Cursor.decode(new Cursor(Cursor.micros(Instant.parse("1969-12-31T23:59:59.5Z")), "chat", 1, "p").encode())
                .createdAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.5Z"));
        for (String bad : new String[] {"", "!!", "x".repeat(201), b64("v1|1|call|1"), b64("v2|1|call|1|p"),
                b64("v1|1|ticket|1|p"), b64("v1|1|call|0|p"), b64("v1|x|call|1|p"), b64("v1|1|call|1|"),
                b64("v1|99999999999999999999|call|1|p"), b64("v1|1|call|1|" + "p".repeat(65))}) {
            assertThat(Cursor.decode(bad)).as(bad).isNull();
        }
    }

    @Test
    void conversationIdsNameTheirChannel() {
        assertThat(ConversationId.parse("call-501")).isEqualTo(new ConversationId("call", 501));
        assertThat(ConversationId.parse("chat-7")).isEqualTo(new ConversationId("chat", 7));
        assertThat(ConversationId.parse("chat-701").toString()).isEqualTo("chat-701");
        for (String bad : new String[] {null, "", "call-", "call-0", "call-01", "call--1", "CALL-1", "email-1",
                "call-1234567890123456789", "call-1 ", "39824e66-7eb1-4099-8110-ed41d7793f4d"}) {
            assertThat(ConversationId.parse(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    @Test
    void everyServedQueryIsAnActionPoliciesCanName() {
        DataGraph graph = new DataGraph(null, null);
        assertThat(graph.served(DataActions.CONVERSATION_DATA)).isNotEmpty().allSatisfy(query ->
                assertThat(DataActions.ALL).contains(DataActions.action(DataActions.CONVERSATION_DATA, query)));
        assertThat(graph.served(DataActions.DIMENSION_DATA)).isNotEmpty().allSatisfy(query ->
                assertThat(DataActions.DIMENSION_ACCESS).contains(DataActions.action(DataActions.DIMENSION_DATA, query)));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
