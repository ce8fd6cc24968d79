package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.InteractionEvents;
import io.switchboard.events.interaction.InteractionEvents.InteractionStarted;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

/**
 * A conversation's {@code containment} and {@code lifecycle} over calls and chats in each state, fed through the
 * real broker, and the analytics' contained count agreeing with them (one rule, {@code Lifecycle}).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ConversationLifecycleTest {
    static final String PARTNER = "life-" + UUID.randomUUID().toString().substring(0, 8);
    static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    static final String FIELDS = "conversationId status queuedAt containment"
            + " lifecycle { queued assigned abandoned transferred deflected }";
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;

    /** Each aggregate's events in order, numbered from 1. */
    private static final class Stream {
        final List<EventEnvelope> events = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();

        Stream add(String type, long id, DomainEvent data, Instant at) {
            long sequence = sequences.merge(type + "-" + id, 1L, Long::sum);
            events.add(DataFeed.event(PARTNER, type, id, sequence, data, at));
            return this;
        }
    }

    @BeforeEach
    void feedOnce() {
        synchronized (ConversationLifecycleTest.class) {
            if (fed) {
                return;
            }
            Stream s = new Stream();
            String call = CallEvents.AGGREGATE_TYPE;
            String chat = ChatEvents.AGGREGATE_TYPE;
            // 901 ended in the IVR; 902 queued, rang agent 150 and the caller hung up; 903 answered by 150 and
            // transferred to 151; 904 queued then deflected; 905 still waiting in the queue.
            for (long id = 901; id <= 905; id++) {
                s.add(call, id, new CallCreated(id, "Voice Inbound (IVR)", "selecting", 31L, "en", "+1555000" + id, null,
                        null, null, id == 901 ? "u-7" : null, "not_asked", null, AT), AT);
            }
            // Visual-IVR interactions under the reused unique id u-7: 901 came from the one that started last before it.
            String ivr = InteractionEvents.AGGREGATE_TYPE;
            s.add(ivr, 1, new InteractionStarted("ia-1", "acc", "u-7", "+15550100", "+15550100,u-7",
                    Map.of("account", "A-0"), AT.minusSeconds(600)), AT.minusSeconds(600));
            s.add(ivr, 2, new InteractionStarted("ia-2", "acc", "u-7", "+15550100", "+15550100,u-7",
                    Map.of("account", "A-1", "tier", "gold"), AT.minusSeconds(300)), AT.minusSeconds(300));
            s.add(ivr, 3, new InteractionStarted("ia-3", "acc", "u-7", "+15550100", "+15550100,u-7",
                    Map.of("account", "A-2"), AT.plusSeconds(30)), AT.plusSeconds(30));
            s.add(call, 901, new CallEnded(901, "finished", "disconnected_by_end_user", null, 0, 0, AT.plusSeconds(60)), AT.plusSeconds(60));
            s.add(call, 902, new CallQueued(902, 31L, AT.plusSeconds(10)), AT.plusSeconds(10));
            s.add(call, 902, new CallConnecting(902, 150, AT.plusSeconds(15)), AT.plusSeconds(15));
            s.add(call, 902, new CallEnded(902, "failed", "disconnected_by_end_user", "eu_abandoned", 0, 0, AT.plusSeconds(40)), AT.plusSeconds(40));
            s.add(call, 903, new CallQueued(903, 31L, AT.plusSeconds(10)), AT.plusSeconds(10));
            s.add(call, 903, new CallConnecting(903, 150, AT.plusSeconds(15)), AT.plusSeconds(15));
            s.add(call, 903, new CallConnected(903, 150L, AT.plusSeconds(20)), AT.plusSeconds(20));
            s.add(call, 903, new ParticipantJoined(903, 9031, "agent", 150L, null, null, AT.plusSeconds(20)), AT.plusSeconds(20));
            s.add(call, 903, new TransferStarted(903, 9032, "agent", 150L, 151L, null, null, AT.plusSeconds(60)), AT.plusSeconds(60));
            s.add(call, 903, new ParticipantJoined(903, 9033, "agent", 151L, null, null, AT.plusSeconds(70)), AT.plusSeconds(70));
            s.add(call, 903, new CallEnded(903, "finished", "disconnected_by_agent", null, 100_000, 0, AT.plusSeconds(120)), AT.plusSeconds(120));
            s.add(call, 904, new CallQueued(904, 31L, AT.plusSeconds(10)), AT.plusSeconds(10));
            s.add(call, 904, new CallEnded(904, "deflected", "disconnected_by_unknown", null, 0, 0, AT.plusSeconds(30)), AT.plusSeconds(30));
            s.add(call, 905, new CallQueued(905, 31L, AT.plusSeconds(10)), AT.plusSeconds(10));
            // 911 a virtual agent alone; 912 queued and left; 913 queued by the bot, then agents 170 and 171; 914
            // finished "deflected to email"; 915 deflected while open; 916 an escalation deflected to voicemail.
            s.add(chat, 911, created(911, "va_assigned"), AT);
            s.add(chat, 911, new ChatAssigned(911, "virtual_agent", 7, "Bot", 1, "router", AT.plusSeconds(1), 1), AT.plusSeconds(1));
            s.add(chat, 911, new ChatFinished(911, "finished", "resolved", null, AT.plusSeconds(60)), AT.plusSeconds(60));
            s.add(chat, 912, created(912, "queued"), AT);
            s.add(chat, 912, new ChatFinished(912, "canceled", "left", null, AT.plusSeconds(90)), AT.plusSeconds(90));
            s.add(chat, 913, created(913, "va_assigned"), AT);
            s.add(chat, 913, new ChatStatusChanged(913, "va_assigned", "queued", null, null, AT.plusSeconds(5)), AT.plusSeconds(5));
            s.add(chat, 913, new ChatAssigned(913, "agent", 170, "First Agent", 1, "router", AT.plusSeconds(30), 1), AT.plusSeconds(30));
            s.add(chat, 913, new ChatAssigned(913, "agent", 171, "Second Agent", 2, "router", AT.plusSeconds(60), 2), AT.plusSeconds(60));
            s.add(chat, 913, new ChatFinished(913, "finished", "resolved", null, AT.plusSeconds(300)), AT.plusSeconds(300));
            s.add(chat, 914, created(914, "queued"), AT);
            s.add(chat, 914, new ChatFinished(914, "finished", "deflected to email", null, AT.plusSeconds(45)), AT.plusSeconds(45));
            s.add(chat, 915, created(915, "va_assigned"), AT);
            s.add(chat, 915, new ChatStatusChanged(915, "va_assigned", "va_assigned", "email", null, AT.plusSeconds(20)), AT.plusSeconds(20));
            s.add(chat, 916, created(916, "va_assigned"), AT);
            s.add(chat, 916, new EscalationUpdated(916, 1, "voicemail", "deflected", AT.plusSeconds(15)), AT.plusSeconds(15));
            s.add(chat, 916, new ChatFinished(916, "finished", "resolved", null, AT.plusSeconds(50)), AT.plusSeconds(50));
            DataFeed.sendAndAwait(dataSource, PARTNER, s.events);
            fed = true;
        }
    }

    private static ChatCreated created(long id, String status) {
        return new ChatCreated(id, status, 31L, "en", null, null, Map.of(), List.of(), List.of(), AT, null);
    }

    static RequestSpecification supervisor() {
        return given().auth().oauth2(TestTokens.agent(PARTNER, 103, "agent", "supervisor")).contentType(ContentType.JSON)
                .header("x-cp-partner-id", PARTNER);
    }

    static JsonPath conversation(String id) {
        return conversation(id, FIELDS);
    }

    static JsonPath conversation(String id, String fields) {
        return supervisor().body(Map.of("query", "query { getConversationById(conversationId: \"" + id + "\") { " + fields
                        + " } }")).post("/api/partners/%s/data/conversationdata/getConversationById".formatted(PARTNER))
                .then().log().ifValidationFails().statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.getConversationById");
    }

    /** containment, then queued, assigned, abandoned, transferred, deflected. */
    static void assertLifecycle(String id, String containment, boolean... flags) {
        JsonPath c = conversation(id);
        assertThat(c.getString("containment")).as(id).isEqualTo(containment);
        assertThat(List.of(c.getBoolean("lifecycle.queued"), c.getBoolean("lifecycle.assigned"),
                c.getBoolean("lifecycle.abandoned"), c.getBoolean("lifecycle.transferred"),
                c.getBoolean("lifecycle.deflected"))).as(id + " queued, assigned, abandoned, transferred, deflected")
                .containsExactly(flags[0], flags[1], flags[2], flags[3], flags[4]);
    }

    @Test
    void callsInEachState() {
        assertLifecycle("call-901", "CONTAINED", false, false, false, false, false);
        assertLifecycle("call-902", "NOT_CONTAINED", true, false, true, false, false);
        assertLifecycle("call-903", "NOT_CONTAINED", true, true, false, true, false);
        assertLifecycle("call-904", "NOT_CONTAINED", true, false, false, false, true);
        assertLifecycle("call-905", "IN_PROGRESS", true, false, false, false, false);
    }

    @Test
    void chatsInEachState() {
        assertLifecycle("chat-911", "CONTAINED", false, false, false, false, false);
        assertLifecycle("chat-912", "NOT_CONTAINED", true, false, true, false, false);
        assertLifecycle("chat-913", "NOT_CONTAINED", true, true, false, true, false);
        assertLifecycle("chat-914", "NOT_CONTAINED", true, false, false, false, true);
        assertLifecycle("chat-915", "IN_PROGRESS", false, false, false, false, true);
        assertLifecycle("chat-916", "NOT_CONTAINED", false, false, false, false, true);
    }

    @Test
    void aChatShowsWhenItFirstWaitedForAnAgent() {
        assertThat(conversation("chat-912").getString("queuedAt")).as("created queued").isEqualTo("2026-11-25T10:00:00.000Z");
        assertThat(conversation("chat-913").getString("queuedAt")).as("changed to queued").isEqualTo("2026-11-25T10:00:05.000Z");
        assertThat(conversation("chat-911").getString("queuedAt")).as("never queued").isNull();
    }

    @Test
    void aChatListsTheCustomersAndTheVirtualAgentsSessions() {
        JsonPath chat = conversation("chat-911", "participants { participantId type userId name joinedAt leftAt }");
        assertThat(chat.getList("participants.participantId", String.class)).containsExactly("911000", "911001");
        assertThat(chat.getList("participants.type", String.class)).containsExactly("end_user", "virtual_agent");
        assertThat(chat.getList("participants.userId")).as("the chat knows no end-user id").containsExactly(null, "7");
        assertThat(chat.getString("participants[1].name")).isEqualTo("Bot");
        assertThat(chat.getList("participants.joinedAt", String.class))
                .containsExactly("2026-11-25T10:00:00.000Z", "2026-11-25T10:00:01.000Z");
        assertThat(chat.getList("participants.leftAt", String.class))
                .containsExactly("2026-11-25T10:01:00.000Z", "2026-11-25T10:01:00.000Z");
    }

    @Test
    void aCallShowsTheCallerAttributesOfTheVisualIvrInteractionItCameFrom() {
        JsonPath call = conversation("call-901", "attributes { name value label }");
        assertThat(call.getList("attributes.name", String.class)).containsExactly("account", "tier");
        assertThat(call.getList("attributes.value", String.class)).as("ia-2: the last one started before the call")
                .containsExactly("A-1", "gold");
        assertThat(call.getList("attributes.label")).containsOnlyNulls();
        assertThat(conversation("call-902", "attributes { name }").getList("attributes")).as("no interaction unique id")
                .isEmpty();
    }

    @Test
    void theAnalyticsCountExactlyTheConversationsOfEachLifecycleTerm() {
        String query = "query { getConversationMetrics(interval: P1D, from: \"2026-11-25\", to: \"2026-11-26\","
                + " groupBy: CHANNEL) { rows { group { id } conversations contained abandoned transferred deflected } } }";
        JsonPath rows = supervisor().body(Map.of("query", query))
                .post("/api/partners/%s/data/conversationdata/getConversationMetrics".formatted(PARTNER))
                .then().log().ifValidationFails().statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.getConversationMetrics");
        // term -> channel -> how many conversations show it
        Map<String, Map<String, Integer>> counted = new HashMap<>();
        for (String id : List.of("call-901", "call-902", "call-903", "call-904", "call-905", "chat-911", "chat-912",
                "chat-913", "chat-914", "chat-915", "chat-916")) {
            JsonPath c = conversation(id);
            String channel = id.startsWith("call") ? "CALL" : "CHAT";
            Map<String, Boolean> terms = Map.of("contained", "CONTAINED".equals(c.getString("containment")),
                    "abandoned", c.getBoolean("lifecycle.abandoned"), "transferred", c.getBoolean("lifecycle.transferred"),
                    "deflected", c.getBoolean("lifecycle.deflected"));
            terms.forEach((term, shown) -> counted.computeIfAbsent(term, k -> new HashMap<>())
                    .merge(channel, shown ? 1 : 0, Integer::sum));
        }
        assertThat(counted.get("contained")).containsEntry("CALL", 1).containsEntry("CHAT", 1);
        counted.forEach((term, byChannel) -> assertThat(byChannel.values().stream().mapToInt(Integer::intValue).sum())
                .as("the feed has some " + term).isPositive());
        counted.forEach((term, byChannel) -> byChannel.forEach((channel, n) ->
                assertThat(rows.getInt("rows.find { it.group.id == '" + channel + "' }." + term))
                        .as(channel + " " + term).isEqualTo(n)));
        assertThat(rows.getInt("rows.find { it.group.id == 'CALL' }.conversations")).isEqualTo(5);
        assertThat(rows.getInt("rows.find { it.group.id == 'CHAT' }.conversations")).isEqualTo(6);
    }
}
