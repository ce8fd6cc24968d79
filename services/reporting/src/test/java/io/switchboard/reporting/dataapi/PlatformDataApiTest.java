package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.CustomDataField;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.reporting.Scenario;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The Platform Data API over the read models fed through the real broker: the scenario's call and chat (plus a
 * chat with the customer's e-mail), per-action authorisation by access policies, the resource path's rules,
 * cursor pagination while data arrives, partner isolation and the system level.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class PlatformDataApiTest {
    static final String PARTNER = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "globex-" + UUID.randomUUID().toString().substring(0, 8);
    static final String CONVERSATION = "/api/partners/%s/data/conversationdata/%s";
    static final String FIELDS = "conversationId channel partnerId status language createdAt queuedAt assignedAt endedAt"
            + " messageCount customer { endUserId identifier email phone } menu { menuId name }"
            + " participants { participantId type userId name phoneNumber joinedAt leftAt }"
            + " callMetrics { billingTime callTime ivrTime queueTime waitTime handleTime ringTime talkTime holdTime"
            + " conferenceTime thirdPartyTalkTime }";
    static boolean fed;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void feedOnce() {
        synchronized (PlatformDataApiTest.class) {
            if (fed) {
                return;
            }
            List<EventEnvelope> events = new ArrayList<>(Scenario.of(PARTNER));
            events.addAll(Scenario.redacted(PARTNER));
            Instant at = Instant.parse("2026-11-21T09:50:00Z");
            events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 702, 1, new ChatCreated(702, "queued", 31L, "en",
                    new ChatEvents.EndUser(78L, "cust-78", "Eve", "Eve@Example.test", "+15550002"), null, Map.of(),
                    List.of(), List.of(), at, null), at));
            long next701 = events.stream().filter(e -> ChatEvents.AGGREGATE_TYPE.equals(e.aggregateType())
                    && TestEnvelopes.key(ChatEvents.AGGREGATE_TYPE, 701).equals(e.aggregateId())).count() + 1;
            events.addAll(claimsAndMarks(at, next701));
            events.addAll(attributesAndAssists(at));
            events.addAll(callOf(511, 150, Instant.parse("2026-11-21T08:00:00Z")));
            events.addAll(callOf(512, 150, Instant.parse("2026-11-21T08:10:00Z")));
            DataFeed.sendAndAwait(dataSource, PARTNER, events);
            DataFeed.sendAndAwait(dataSource, OTHER, Scenario.of(OTHER).subList(0, 1));
            // The other partner has a chat with the same itinerary and attributes: never seen by PARTNER's callers.
            DataFeed.sendAndAwait(dataSource, OTHER, List.of(
                    DataFeed.event(OTHER, ChatEvents.AGGREGATE_TYPE, 802, 1, new ChatCreated(802, "va_assigned", 31L, "en",
                            null, null, Map.of(), List.of(), List.of(), at, null), at),
                    DataFeed.event(OTHER, ChatEvents.AGGREGATE_TYPE, 802, 2, new CustomDataAttached(802, false,
                            Map.of("itinerary_number", new CustomDataField("Itinerary", "IT-4455"),
                                    "tier", new CustomDataField("Tier", "gold")), at.plusSeconds(40)), at.plusSeconds(40))));
            fed = true;
        }
    }

    /**
     * Chat 702 claimed by agent 160 and marked `vip`; 703 claimed by 161 then released; 704 released (later) before its
     * older claim arrives — the release stands; 701 (the scenario's) marked `escalated`, then `vip` is older: stays.
     */
    static List<EventEnvelope> claimsAndMarks(Instant at, long next701) {
        List<EventEnvelope> events = new ArrayList<>();
        for (long chat : new long[] {703, 704}) {
            events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, chat, 1, new ChatCreated(chat, "va_assigned", 31L,
                    "en", null, null, Map.of(), List.of(), List.of(), at, null), at));
        }
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 702, 2, new ChatClaimed(702, 160, at.plusSeconds(10)), at.plusSeconds(10)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 702, 3, new ChatMarked(702, 103, "vip", null, at.plusSeconds(11)), at.plusSeconds(11)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 703, 2, new ChatClaimed(703, 161, at.plusSeconds(10)), at.plusSeconds(10)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 703, 3, new ChatReleased(703, 161, at.plusSeconds(20)), at.plusSeconds(20)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 704, 2, new ChatReleased(704, 161, at.plusSeconds(20)), at.plusSeconds(20)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 704, 3, new ChatClaimed(704, 161, at.plusSeconds(10)), at.plusSeconds(10)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 701, next701, new ChatMarked(701, 103, "escalated", null, at.plusSeconds(30)), at.plusSeconds(30)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 701, next701 + 1, new ChatMarked(701, 103, "vip", null, at.plusSeconds(5)), at.plusSeconds(5)));
        return events;
    }

    /**
     * Custom data: chat 702 carries itinerary `IT-4455` (as `itinerary_number`), tier gold and party size 3 (a number);
     * 703 the same itinerary (as `itinerary`) and tier gold; 704's itinerary was `IT-OLD`, then `IT-NEW` — the later
     * one arrives first and stays. Chat 705 went to agent 170, then was handed to agent 171 (who assisted).
     */
    static List<EventEnvelope> attributesAndAssists(Instant at) {
        List<EventEnvelope> events = new ArrayList<>();
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 702, 4, new CustomDataAttached(702, false,
                Map.of("itinerary_number", new CustomDataField("Itinerary", "IT-4455"),
                        "tier", new CustomDataField("Tier", "gold"),
                        "party_size", new CustomDataField("Party", 3)), at.plusSeconds(40)), at.plusSeconds(40)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 703, 4, new CustomDataAttached(703, true,
                Map.of("itinerary", new CustomDataField(null, "IT-4455"), "tier", new CustomDataField("Tier", "gold")),
                at.plusSeconds(40)), at.plusSeconds(40)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 704, 4, new CustomDataAttached(704, false,
                Map.of("itinerary_id", new CustomDataField("Itinerary", "IT-NEW")), at.plusSeconds(50)), at.plusSeconds(50)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 704, 5, new CustomDataAttached(704, false,
                Map.of("itinerary_id", new CustomDataField("Itinerary", "IT-OLD")), at.plusSeconds(45)), at.plusSeconds(45)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 705, 1, new ChatCreated(705, "va_assigned", 31L, "en",
                null, null, Map.of(), List.of(), List.of(), at.plusSeconds(1), null), at.plusSeconds(1)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 705, 2, new ChatAssigned(705, "agent", 170, "First Agent",
                1, "router", at.plusSeconds(60), 1), at.plusSeconds(60)));
        events.add(DataFeed.event(PARTNER, ChatEvents.AGGREGATE_TYPE, 705, 3, new ChatAssigned(705, "agent", 171, "Second Agent",
                2, "router", at.plusSeconds(120), 2), at.plusSeconds(120)));
        return events;
    }

    /** A call connected to an agent (agent 150 has only these, for paging). */
    static List<EventEnvelope> callOf(long id, long agent, Instant at) {
        return List.of(
                DataFeed.event(PARTNER, CallEvents.AGGREGATE_TYPE, id, 1, new CallCreated(id, "Voice Inbound (IVR)",
                        "selecting", 31L, "en", "+15550009", null, null, null, null, "not_asked", null, at), at),
                DataFeed.event(PARTNER, CallEvents.AGGREGATE_TYPE, id, 2, new CallConnected(id, agent, at.plusSeconds(5)),
                        at.plusSeconds(5)));
    }

    static RequestSpecification as(String token, String partner) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("x-cp-partner-id", partner);
    }

    static RequestSpecification supervisor() {
        return as(TestTokens.agent(PARTNER, 103, "agent", "supervisor"), PARTNER);
    }

    static RequestSpecification agent(long id) {
        return as(TestTokens.agent(PARTNER, id, "agent"), PARTNER);
    }

    static Map<String, Object> body(String query) {
        return Map.of("query", query);
    }

    static ValidatableResponse post(RequestSpecification spec, String partner, String action, String query) {
        return spec.body(body(query)).post(CONVERSATION.formatted(partner, action)).then();
    }

    @Test
    void aChatCarriesItsRedactedMessagesAndTheIntentsFoundInThem() {
        String messages = "messages { messageId senderType senderName text sentiment language topic score sentAt }";
        JsonPath chat = post(agent(101), PARTNER, "getConversationById",
                "query { getConversationById(conversationId: \"chat-701\") { conversationId " + messages
                        + " objectives { intent score messageCount } } }")
                .statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.getConversationById");
        assertThat(chat.getList("messages.messageId", String.class)).containsExactly("1", "2");
        assertThat(chat.getList("messages.senderType", String.class)).containsExactly("customer", "agent");
        assertThat(chat.getList("messages.senderName")).containsExactly(null, "Carol Agent");
        assertThat(chat.getString("messages[0].text")).isEqualTo("hi, I am ****NAME**** and my card ****NUMERIC**** was charged twice");
        assertThat(chat.getDouble("messages[0].sentiment")).isEqualTo(-0.4);
        assertThat(chat.getString("messages[0].topic")).isEqualTo("billing");
        assertThat(chat.getDouble("messages[0].score")).isEqualTo(0.82);
        assertThat(chat.getString("messages[1].topic")).isNull();
        assertThat(chat.getString("messages[0].sentAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(chat.getList("objectives.intent", String.class)).containsExactly("billing");
        assertThat(chat.getInt("objectives[0].messageCount")).isEqualTo(1);
        assertThat(chat.getDouble("objectives[0].score")).isEqualTo(0.82);

        post(agent(101), PARTNER, "getConversationById",
                "query { getConversationById(conversationId: \"chat-701\") { messages(first: 1) { messageId } } }")
                .statusCode(200).body("data.getConversationById.messages.messageId", equalTo(List.of("1")));
        post(agent(101), PARTNER, "getConversationById",
                "query { getConversationById(conversationId: \"call-501\") { messages { messageId } objectives { intent } } }")
                .statusCode(200).body("data.getConversationById.messages", hasSize(0))
                .body("data.getConversationById.objectives", hasSize(0));
        post(agent(101), PARTNER, "getConversationById",
                "query { getConversationById(conversationId: \"chat-701\") { messages(first: 201) { messageId } } }")
                .statusCode(400).body("errors[0].field", equalTo("first"));
    }

    static List<String> ids(RequestSpecification spec, String action, String query, Map<String, Object> variables) {
        return spec.body(Map.of("query", query, "variables", variables)).post(CONVERSATION.formatted(PARTNER, action))
                .then().statusCode(200).body("errors", nullValue()).body("extensions.watermark", notNullValue())
                .extract().jsonPath().getList("data." + action + ".edges.node.conversationId", String.class);
    }

    @Test
    void anItineraryFindsTheChatsThatCarryItUnderAnyOfItsNames() {
        String query = "query($it: String!, $after: String) { getConversationsByItinerary(itinerary: $it, first: 1, after: $after)"
                + " { edges { node { conversationId } } pageInfo { hasNextPage endCursor } } }";
        // Conversation access: every agent; newest first, one per page (702 and 703 were created at the same time:
        // the higher id first).
        JsonPath first = agent(101).body(Map.of("query", query, "variables", Map.of("it", "IT-4455")))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByItinerary")).then().statusCode(200)
                .body("errors", nullValue()).extract().jsonPath().setRootPath("data.getConversationsByItinerary");
        assertThat(first.getList("edges.node.conversationId")).containsExactly("chat-703");
        assertThat(first.getBoolean("pageInfo.hasNextPage")).isTrue();
        Map<String, Object> next = new java.util.HashMap<>(Map.of("it", "IT-4455", "after", first.getString("pageInfo.endCursor")));
        JsonPath second = agent(101).body(Map.of("query", query, "variables", next))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByItinerary")).then().statusCode(200)
                .extract().jsonPath().setRootPath("data.getConversationsByItinerary");
        assertThat(second.getList("edges.node.conversationId")).containsExactly("chat-702");
        assertThat(second.getBoolean("pageInfo.hasNextPage")).isFalse();
        // The latest value by time wins, whatever the arrival order; an unknown itinerary is an empty page.
        assertThat(ids(agent(101), "getConversationsByItinerary", query, Map.of("it", "IT-NEW"))).containsExactly("chat-704");
        assertThat(ids(agent(101), "getConversationsByItinerary", query, Map.of("it", "IT-OLD"))).isEmpty();
        assertThat(ids(agent(101), "getConversationsByItinerary", query, Map.of("it", "it-4455"))).isEmpty();
        // The other partner's chat with the same itinerary is its own.
        assertThat(as(TestTokens.agent(OTHER, 101, "agent"), OTHER).body(Map.of("query", query, "variables", Map.of("it", "IT-4455")))
                .post(CONVERSATION.formatted(OTHER, "getConversationsByItinerary")).then().statusCode(200).extract().jsonPath()
                .getList("data.getConversationsByItinerary.edges.node.conversationId", String.class)).containsExactly("chat-802");
        // Limits: 400 naming the argument, on /graphql a GraphQL error naming it.
        for (String bad : List.of("", "x".repeat(2_001))) {
            agent(101).body(Map.of("query", query, "variables", Map.of("it", bad)))
                    .post(CONVERSATION.formatted(PARTNER, "getConversationsByItinerary")).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("itinerary"));
        }
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", Map.of("it", "x".repeat(2_001)))).post("/graphql").then()
                .statusCode(200).body("errors[0].extensions.argument", equalTo("itinerary"));
    }

    @Test
    void attributesAreAndedAndForSupervisorsOnly() {
        String query = "query($attrs: [AttributeInput!]!) { getConversationsByAttributes(attributes: $attrs)"
                + " { edges { node { conversationId attributes { name value label } } } } }";
        Map<String, Object> gold = Map.of("attrs", List.of(Map.of("name", "tier", "value", "gold")));
        assertThat(ids(supervisor(), "getConversationsByAttributes", query, gold)).containsExactly("chat-703", "chat-702");
        assertThat(ids(supervisor(), "getConversationsByAttributes", query, Map.of("attrs", List.of(
                Map.of("name", "tier", "value", "gold"), Map.of("name", "party_size", "value", "3")))))
                .containsExactly("chat-702");
        assertThat(ids(supervisor(), "getConversationsByAttributes", query, Map.of("attrs", List.of(
                Map.of("name", "tier", "value", "gold"), Map.of("name", "party_size", "value", "4"))))).isEmpty();
        assertThat(ids(supervisor(), "getConversationsByAttributes", query, Map.of("attrs", List.of(
                Map.of("name", "nope", "value", "gold"))))).isEmpty();
        // A conversation shows its attributes: a number as its JSON, with the label it was sent with.
        JsonPath chat = post(agent(101), PARTNER, "getConversationById",
                "{ getConversationById(conversationId: \"chat-702\") { attributes { name value label } } }")
                .statusCode(200).extract().jsonPath().setRootPath("data.getConversationById");
        assertThat(chat.getList("attributes.name")).containsExactly("itinerary_number", "party_size", "tier");
        assertThat(chat.getList("attributes.value")).containsExactly("IT-4455", "3", "gold");
        assertThat(chat.getList("attributes.label")).containsExactly("Itinerary", "Party", "Tier");
        post(agent(101), PARTNER, "getConversationById",
                "{ getConversationById(conversationId: \"call-501\") { attributes { name } } }")
                .statusCode(200).body("data.getConversationById.attributes", hasSize(0));
        // Transcript search: a plain agent is refused, naming the action.
        agent(101).body(Map.of("query", query, "variables", gold))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByAttributes")).then().statusCode(403)
                .body("detail", containsString("conversationdata:getConversationsByAttributes"));
        // Another partner's supervisor sees its own chat only.
        assertThat(as(TestTokens.agent(OTHER, 103, "agent", "supervisor"), OTHER).body(Map.of("query", query, "variables", gold))
                .post(CONVERSATION.formatted(OTHER, "getConversationsByAttributes")).then().statusCode(200).extract().jsonPath()
                .getList("data.getConversationsByAttributes.edges.node.conversationId", String.class)).containsExactly("chat-802");
        // Limits: 1 to 10 pairs, names of 255 and values of 2,000 characters.
        List<Map<String, Object>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("name", "n" + i, "value", "v"));
        }
        Map<String, String> refusals = Map.of(
                "attributes", "[]",
                "attributes[1].name", "[{name: \"tier\", value: \"gold\"}, {name: \"" + "n".repeat(256) + "\", value: \"v\"}]",
                "attributes[0].value", "[{name: \"tier\", value: \"\"}]");
        refusals.forEach((field, attrs) -> post(supervisor(), PARTNER, "getConversationsByAttributes",
                "{ getConversationsByAttributes(attributes: " + attrs + ") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo(field)));
        supervisor().body(Map.of("query", query, "variables", Map.of("attrs", eleven)))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByAttributes")).then().statusCode(400)
                .body("errors[0].field", equalTo("attributes"));
        supervisor().body(Map.of("query", query, "variables", Map.of("attrs", List.of(Map.of("name", "tier", "value", "v".repeat(2_001))))))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByAttributes")).then().statusCode(400)
                .body("errors[0].field", equalTo("attributes[0].value"));
    }

    @Test
    void anAgentsAssistConversationsAreThoseItJoinedAfterAnotherAgent() {
        String query = "query($after: String) { getAgentAssistConversations(first: 1, after: $after)"
                + " { edges { node { conversationId } } pageInfo { hasNextPage endCursor } } }";
        // Call 501 was answered by 101; 102 (a transfer) and 103 (a team transfer) joined it.
        assertThat(ids(agent(102), "getAgentAssistConversations", query, Map.of())).containsExactly("call-501");
        assertThat(ids(agent(103), "getAgentAssistConversations", query, Map.of())).containsExactly("call-501");
        assertThat(ids(agent(101), "getAgentAssistConversations", query, Map.of())).isEmpty();
        // Chat 705 went to 170 first and was then handed to 171.
        assertThat(ids(agent(171), "getAgentAssistConversations", query, Map.of())).containsExactly("chat-705");
        assertThat(ids(agent(170), "getAgentAssistConversations", query, Map.of())).isEmpty();
        // The caller's own only: a supervisor's token is its own agent (103), and a caller without an agent is refused.
        assertThat(ids(supervisor(), "getAgentAssistConversations", query, Map.of())).containsExactly("call-501");
        post(as(TestTokens.bearer(PARTNER, "agent"), PARTNER), PARTNER, "getAgentAssistConversations",
                "{ getAgentAssistConversations { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("agentId"));
        // The same agent id at another partner has no assists there.
        as(TestTokens.agent(OTHER, 102, "agent"), OTHER).body(body("{ getAgentAssistConversations { edges { cursor } } }"))
                .post(CONVERSATION.formatted(OTHER, "getAgentAssistConversations")).then().statusCode(200)
                .body("data.getAgentAssistConversations.edges", hasSize(0));
        post(agent(102), PARTNER, "getAgentAssistConversations", "{ getAgentAssistConversations(first: 101) { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("first"));
        post(agent(102), PARTNER, "getAgentAssistConversations", "{ getAgentAssistConversations(after: \"bm9wZQ\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("after"));
    }

    @Test
    void theQueueNowIsForSupervisors() {
        String query = "query { GetQueuedConversations(first: 100) { edges { node { conversationId status } } } }";
        JsonPath queued = post(supervisor(), PARTNER, "GetQueuedConversations", query)
                .statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data.GetQueuedConversations.edges.node");
        // chat 702 was created queued and never assigned; the scenario's call and chat, and calls 511/512, are past the queue
        assertThat(queued.getList("conversationId", String.class)).containsExactly("chat-702");
        assertThat(queued.getList("status", String.class)).containsExactly("queued");
        // the Transcript search policy is a supervisor's by default
        post(agent(101), PARTNER, "GetQueuedConversations", query).statusCode(403);
        // another partner's queue is its own (its only conversation is the scenario's first event)
        post(as(TestTokens.agent(OTHER, 103, "agent", "supervisor"), OTHER), OTHER, "GetQueuedConversations", query)
                .statusCode(200).body("data.GetQueuedConversations.edges.node.conversationId", not(hasItem("chat-702")));
    }

    @Test
    void claimedAndMarkedChatsAreTheirLatestClaimAndMark() {
        String claimed = "query($agent: ID) { getClaimedConversations(agentId: $agent) { edges { node { conversationId } } } }";
        RequestSpecification enhanced = as(TestTokens.agent(PARTNER, 105, "agent", "enhanced-agent"), PARTNER);
        assertThat(enhanced.body(Map.of("query", claimed)).post(CONVERSATION.formatted(PARTNER, "getClaimedConversations"))
                .then().statusCode(200).body("errors", nullValue()).extract().jsonPath()
                .getList("data.getClaimedConversations.edges.node.conversationId", String.class)).containsExactly("chat-702");
        assertThat(supervisor().body(Map.of("query", claimed, "variables", Map.of("agent", "161")))
                .post(CONVERSATION.formatted(PARTNER, "getClaimedConversations")).then().statusCode(200).extract().jsonPath()
                .getList("data.getClaimedConversations.edges.node.conversationId")).isEmpty();
        post(agent(101), PARTNER, "getClaimedConversations", claimed).statusCode(403);

        String marked = "query($mark: String) { GetMarkedConversations(mark: $mark) { edges { node { conversationId } } } }";
        assertThat(supervisor().body(Map.of("query", marked)).post(CONVERSATION.formatted(PARTNER, "GetMarkedConversations"))
                .then().statusCode(200).extract().jsonPath()
                .getList("data.GetMarkedConversations.edges.node.conversationId", String.class)).containsExactly("chat-702", "chat-701");
        assertThat(supervisor().body(Map.of("query", marked, "variables", Map.of("mark", "vip")))
                .post(CONVERSATION.formatted(PARTNER, "GetMarkedConversations")).then().statusCode(200).extract().jsonPath()
                .getList("data.GetMarkedConversations.edges.node.conversationId", String.class)).containsExactly("chat-702");
        // The same state as fields of a conversation.
        String state = "{ getConversationById(conversationId: \"%s\") { queued claim { agentId claimedAt } mark { mark markedByUserId markedAt } } }";
        JsonPath chat702 = post(agent(101), PARTNER, "getConversationById", state.formatted("chat-702")).statusCode(200)
                .body("errors", nullValue()).extract().jsonPath().setRootPath("data.getConversationById");
        assertThat(chat702.getBoolean("queued")).isTrue();
        assertThat(chat702.getString("claim.agentId")).isEqualTo("160");
        assertThat(chat702.getString("claim.claimedAt")).isEqualTo("2026-11-21T09:50:10.000Z");
        assertThat(chat702.getString("mark.mark")).isEqualTo("vip");
        assertThat(chat702.getString("mark.markedByUserId")).isEqualTo("103");
        assertThat(chat702.getString("mark.markedAt")).isEqualTo("2026-11-21T09:50:11.000Z");
        post(agent(101), PARTNER, "getConversationById", state.formatted("chat-703")).statusCode(200)
                .body("data.getConversationById.queued", equalTo(false))
                .body("data.getConversationById.claim", nullValue())
                .body("data.getConversationById.mark", nullValue());
        post(agent(101), PARTNER, "getConversationById", state.formatted("chat-701")).statusCode(200)
                .body("data.getConversationById.mark.mark", equalTo("escalated"));
        post(agent(101), PARTNER, "getConversationById", state.formatted("call-501")).statusCode(200)
                .body("data.getConversationById.queued", equalTo(false))
                .body("data.getConversationById.claim", nullValue())
                .body("data.getConversationById.mark", nullValue());
        supervisor().body(Map.of("query", marked, "variables", Map.of("mark", "x".repeat(101))))
                .post(CONVERSATION.formatted(PARTNER, "GetMarkedConversations")).then().statusCode(400)
                .body("errors[0].field", equalTo("mark"));
    }

    @Test
    void aCallByIdCarriesItsParticipantsAndTheManagerApisSegmentMetrics() {
        JsonPath call = post(agent(101), PARTNER, "getConversationById",
                "query { getConversationById(conversationId: \"call-501\") { " + FIELDS + " } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("extensions.watermark.caughtUp", notNullValue())
                .extract().jsonPath().setRootPath("data.getConversationById");
        assertThat(call.getString("conversationId")).isEqualTo("call-501");
        assertThat(call.getString("channel")).isEqualTo("CALL");
        assertThat(call.getString("partnerId")).isEqualTo(PARTNER);
        assertThat(call.getString("status")).isEqualTo("finished");
        assertThat(call.getString("createdAt")).isEqualTo("2026-11-21T10:00:00.000Z");
        assertThat(call.getString("queuedAt")).isEqualTo("2026-11-21T10:00:30.250Z");
        assertThat(call.getString("assignedAt")).isEqualTo("2026-11-21T10:01:00.000Z");
        assertThat(call.getString("endedAt")).isEqualTo("2026-11-21T10:11:05.500Z");
        assertThat(call.getString("customer.endUserId")).isEqualTo("9001");
        assertThat(call.getString("customer.phone")).isEqualTo("+15550001");
        assertThat(call.getString("menu.name")).isEqualTo("Billing");
        assertThat(call.getList("participants")).hasSize(5);
        assertThat(call.getString("participants.find { it.participantId == '2' }.userId")).isEqualTo("101");
        assertThat(call.getString("participants.find { it.participantId == '2' }.joinedAt")).isEqualTo("2026-11-21T10:01:05.500Z");
        assertThat(call.getString("participants.find { it.participantId == '2' }.leftAt")).isEqualTo("2026-11-21T10:06:05.500Z");

        // One definition: every metric equals the Manager API's for the same call.
        JsonPath manager = given().auth().oauth2(TestTokens.bearer(PARTNER, "supervisor"))
                .get("/manager/api/v1/calls/501").then().statusCode(200).extract().jsonPath();
        Map<String, String> names = Map.ofEntries(Map.entry("billingTime", "billing_time"), Map.entry("callTime", "call_time"),
                Map.entry("ivrTime", "ivr_time"), Map.entry("queueTime", "queue_time"), Map.entry("waitTime", "wait_time"),
                Map.entry("handleTime", "handle_time"), Map.entry("ringTime", "ring_time"), Map.entry("talkTime", "talk_time"),
                Map.entry("holdTime", "hold_time"), Map.entry("conferenceTime", "conference_time"),
                Map.entry("thirdPartyTalkTime", "third_party_talk_time"));
        names.forEach((graph, rest) -> {
            Object ours = call.get("callMetrics." + graph);
            Object theirs = manager.get(rest);
            if (theirs == null) {
                assertThat(ours).as(graph).isNull();
            } else {
                assertThat(((Number) ours).doubleValue()).as(graph).isEqualTo(((Number) theirs).doubleValue());
            }
        });
        assertThat(call.getDouble("callMetrics.conferenceTime")).isEqualTo(360.0);
    }

    @Test
    void aChatByIdHasItsEndUserAndHandOverSessionsAndMessageCount() {
        post(agent(101), PARTNER, "getConversationById",
                "{ getConversationById(conversationId: \"chat-701\") { " + FIELDS + " } }")
                .statusCode(200)
                .body("data.getConversationById.channel", equalTo("CHAT"))
                .body("data.getConversationById.status", equalTo("finished"))
                .body("data.getConversationById.messageCount", equalTo(2))
                .body("data.getConversationById.customer.endUserId", equalTo("77"))
                .body("data.getConversationById.customer.identifier", equalTo("cust-77"))
                .body("data.getConversationById.callMetrics", nullValue())
                .body("data.getConversationById.participants", hasSize(2))
                // the customer for the whole chat, then the hand-over to Ada
                .body("data.getConversationById.participants[0].participantId", equalTo("701000"))
                .body("data.getConversationById.participants[0].type", equalTo("end_user"))
                .body("data.getConversationById.participants[0].userId", equalTo("77"))
                .body("data.getConversationById.participants[0].joinedAt", equalTo("2026-11-21T09:30:00.000Z"))
                .body("data.getConversationById.participants[0].leftAt", equalTo("2026-11-21T09:40:00.000Z"))
                .body("data.getConversationById.participants[1].participantId", equalTo("701001"))
                .body("data.getConversationById.participants[1].type", equalTo("agent"))
                .body("data.getConversationById.participants[1].userId", equalTo("101"))
                .body("data.getConversationById.participants[1].name", equalTo("Ada King"))
                .body("data.getConversationById.participants[1].joinedAt", equalTo("2026-11-21T09:30:10.000Z"))
                .body("data.getConversationById.participants[1].leftAt", equalTo("2026-11-21T09:40:00.000Z"));
    }

    @Test
    void anUnknownOrMalformedIdIsNull() {
        String query = "query($id: ID!) { getConversationById(conversationId: $id) { conversationId } }";
        // The document's variable is required: without it the document is refused.
        post(agent(101), PARTNER, "getConversationById", query).statusCode(400).body("errors[0].field", equalTo("query"));
        for (String id : List.of("call-999999", "chat-0", "ticket-1", "call-1' OR '1'='1", "x".repeat(200))) {
            agent(101).body(Map.of("query", query, "variables", Map.of("id", id)))
                    .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(200)
                    .body("data.getConversationById", nullValue());
        }
    }

    @Test
    void customerAndEmailLookups() {
        post(agent(101), PARTNER, "getConversationsByCustomer",
                "{ getConversationsByCustomer(endUserId: \"9001\") { edges { node { conversationId } } } }")
                .statusCode(200).body("data.getConversationsByCustomer.edges.node.conversationId", equalTo(List.of("call-501")));
        post(agent(101), PARTNER, "getConversationsByCustomer",
                "{ getConversationsByCustomer(phone: \"+15550002\") { edges { node { conversationId } } } }")
                .statusCode(200).body("data.getConversationsByCustomer.edges.node.conversationId", equalTo(List.of("chat-702")));
        post(agent(101), PARTNER, "getConversationsByEmail",
                "{ getConversationsByEmail(email: \"eve@example.TEST\") { edges { node { conversationId customer { email } } } } }")
                .statusCode(200)
                .body("data.getConversationsByEmail.edges.node.conversationId", equalTo(List.of("chat-702")))
                .body("data.getConversationsByEmail.edges[0].node.customer.email", equalTo("Eve@Example.test"));
        post(agent(101), PARTNER, "getConversationsByCustomer",
                "{ getConversationsByCustomer { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("endUserId"));
        post(agent(101), PARTNER, "getConversationsByEmail",
                "{ getConversationsByEmail(email: \"" + "a".repeat(300) + "@x\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("email"));
    }

    @Test
    void anAgentSeesOnlyItsOwnAssignedConversations() {
        post(agent(101), PARTNER, "getAgentAssignedConversations",
                "{ getAgentAssignedConversations { edges { node { conversationId } } } }")
                .statusCode(200)
                .body("data.getAgentAssignedConversations.edges.node.conversationId", equalTo(List.of("call-501", "chat-701")));
        post(agent(102), PARTNER, "getAgentAssignedConversations",
                "{ getAgentAssignedConversations { edges { node { conversationId } } } }")
                .statusCode(200)
                .body("data.getAgentAssignedConversations.edges.node.conversationId", equalTo(List.of("call-501")));
        // A caller that is no agent (a token without agent_id) has no "own" conversations.
        post(as(TestTokens.bearer(PARTNER, "agent"), PARTNER), PARTNER, "getAgentAssignedConversations",
                "{ getAgentAssignedConversations { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("agentId"));
    }

    @Test
    void pagesFollowTheCursorAndStayStableWhileConversationsArrive() {
        String query = "query($after: String) { getConversationsByAgent(agentId: \"150\", first: 1, after: $after) {"
                + " edges { cursor node { conversationId } } pageInfo { hasNextPage endCursor } } }";
        JsonPath first = supervisor().body(Map.of("query", query)).post(CONVERSATION.formatted(PARTNER, "getConversationsByAgent"))
                .then().statusCode(200).extract().jsonPath().setRootPath("data.getConversationsByAgent");
        assertThat(first.getList("edges.node.conversationId")).containsExactly("call-512");
        assertThat(first.getBoolean("pageInfo.hasNextPage")).isTrue();
        String cursor = first.getString("pageInfo.endCursor");
        assertThat(first.getString("edges[0].cursor")).isEqualTo(cursor);

        // A newer call of the same agent arrives between the pages: the next page neither repeats nor skips.
        DataFeed.sendAndAwait(dataSource, PARTNER, callOf(513, 150, Instant.parse("2026-11-21T12:00:00Z")));
        JsonPath second = supervisor().body(Map.of("query", query, "variables", Map.of("after", cursor)))
                .post(CONVERSATION.formatted(PARTNER, "getConversationsByAgent"))
                .then().statusCode(200).extract().jsonPath().setRootPath("data.getConversationsByAgent");
        assertThat(second.getList("edges.node.conversationId")).containsExactly("call-511");
        assertThat(second.getBoolean("pageInfo.hasNextPage")).isFalse();
        // From the start again, the new call comes first.
        supervisor().body(Map.of("query", query)).post(CONVERSATION.formatted(PARTNER, "getConversationsByAgent"))
                .then().statusCode(200)
                .body("data.getConversationsByAgent.edges[0].node.conversationId", equalTo("call-513"));

        post(supervisor(), PARTNER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"101\", first: 101) { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("first"));
        post(supervisor(), PARTNER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"101\", first: 0) { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("first"));
        post(supervisor(), PARTNER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"101\", after: \"bm90LWEtY3Vyc29y\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("after"));
        post(supervisor(), PARTNER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"-1\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("agentId"));
    }

    @Test
    void theResourcePathsRules() {
        String byId = "{ getConversationById(conversationId: \"call-501\") { conversationId } }";
        // Another partner's path is not found, whatever the header says.
        post(as(TestTokens.agent(OTHER, 101, "agent"), PARTNER), PARTNER, "getConversationById", byId).statusCode(404);
        // The header must be there and equal the path's partner.
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON).body(body(byId))
                .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("x-cp-partner-id"));
        post(as(TestTokens.agent(PARTNER, 101, "agent"), OTHER), PARTNER, "getConversationById", byId)
                .statusCode(400).body("errors[0].field", equalTo("x-cp-partner-id"));
        // The template version is accepted (and echoed); a malformed one is refused.
        agent(101).header("x-resource-template-version", "1.0").body(body(byId))
                .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(200)
                .header("x-resource-template-version", "1.0")
                .body("data.getConversationById.conversationId", equalTo("call-501"));
        agent(101).header("x-resource-template-version", "1 0; drop").body(body(byId))
                .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(400)
                .body("errors[0].field", equalTo("x-resource-template-version"));
        // The document's root field must be the path's action, alone.
        post(agent(101), PARTNER, "getConversationsByCustomer", byId)
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("query"));
        post(agent(101), PARTNER, "getConversationById", "{ getConversationById(conversationId: \"call-501\") { conversationId }"
                + " other: getConversationsByEmail(email: \"a@b\") { edges { cursor } } }")
                .statusCode(400).body("errors[0].field", equalTo("query"));
        post(agent(101), PARTNER, "getConversationById", "mutation { getConversationById }")
                .statusCode(400).body("errors[0].field", equalTo("query"));
        // Not GraphQL, or not valid against the schema: 400 problem+json naming the query.
        post(agent(101), PARTNER, "getConversationById", "{ getConversationById(")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("query"));
        post(agent(101), PARTNER, "getConversationById", "{ getConversationById(conversationId: \"call-501\") { nope } }")
                .statusCode(400).body("errors[0].field", equalTo("query"));
        // Unknown domains and actions (and actions not served yet) are not found.
        post(agent(101), PARTNER, "nope", byId).statusCode(404);
        agent(101).body(body(byId)).post("/api/partners/" + PARTNER + "/data/otherdata/getConversationById").then().statusCode(404);
        agent(101).body(body(byId)).post("/api/partners/" + PARTNER + "/data/dimensiondata/getConversationById").then().statusCode(404);
        // No token: 401.
        given().contentType(ContentType.JSON).header("x-cp-partner-id", PARTNER).body(body(byId))
                .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(401);
    }

    @Test
    void hostileDocumentsAreRefusedNeverA500() {
        String braces = "{ getConversationById(conversationId: \"call-501\") " + "{".repeat(300) + "}".repeat(300) + " }";
        post(agent(101), PARTNER, "getConversationById", braces).statusCode(400).body("errors[0].field", equalTo("query"));
        String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(20) + "name" + " }".repeat(20) + " } } } } }";
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body(deep)).post("/graphql").then().statusCode(200)
                .body("errors[0].message", containsString("depth")).body("data", nullValue());
        StringBuilder aliases = new StringBuilder("{ getConversationById(conversationId: \"call-501\") { ");
        for (int i = 0; i < 800; i++) {
            aliases.append("a").append(i).append(": conversationId ");
        }
        post(agent(101), PARTNER, "getConversationById", aliases + "} }").statusCode(400).body("errors[0].field", equalTo("query"));
        StringBuilder wide = new StringBuilder("{ getConversationById(conversationId: \"call-501\") { ");
        for (int i = 0; i < 600; i++) {
            wide.append("a").append(i).append(": conversationId,");
        }
        post(agent(101), PARTNER, "getConversationById", wide + "} }").statusCode(400).body("errors[0].field", equalTo("query"));
        post(agent(101), PARTNER, "getConversationById", "x".repeat(20_001)).statusCode(400).body("errors[0].field", equalTo("query"));
        agent(101).body(Map.of("query", "{ getConversationById(conversationId: \"call-501\") { conversationId } }",
                        "operationName", "y".repeat(101)))
                .post(CONVERSATION.formatted(PARTNER, "getConversationById")).then().statusCode(400)
                .body("errors[0].field", equalTo("operationName"));
        // On /graphql the same documents get a GraphQL errors body (200), not a 500; a body over the size limit is
        // refused before GraphQL reads it, as everywhere (400 problem+json naming the query).
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body("x".repeat(20_001))).post("/graphql").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("query"));
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body(aliases + "} }")).post("/graphql").then().statusCode(200)
                .body("errors[0].message", notNullValue()).body("data", nullValue());
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body(wide + "} }")).post("/graphql").then().statusCode(200)
                .body("errors[0].message", containsString("complexity"));
    }

    @Test
    void graphqlEndpointServesTheSameSchemaWithTheSamePolicies() {
        RequestSpecification ada = given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON);
        ada.body(body("{ getConversationById(conversationId: \"call-501\") { conversationId status } }"))
                .post("/graphql").then().statusCode(200)
                .body("data.getConversationById.status", equalTo("finished"))
                .body("extensions.watermark", notNullValue());
        // Introspection (what GraphiQL sends first) is allowed.
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.__schema.queryType.name", equalTo("Query"))
                .body("data.__schema.types.name", hasItem("Conversation"));
        // An agent has no transcript search: 403 naming the action, on /graphql too.
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body("{ getConversationsByAgent(agentId: \"101\") { edges { cursor } } }"))
                .post("/graphql").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("conversationdata:getConversationsByAgent"));
        given().auth().oauth2(TestTokens.agent(PARTNER, 103, "supervisor")).contentType(ContentType.JSON)
                .body(body("{ byAgent: getConversationsByAgent(agentId: \"101\") { edges { node { conversationId } } } }"))
                .post("/graphql").then().statusCode(200)
                .body("data.byAgent.edges.node.conversationId", hasItem("chat-701"));
        given().auth().oauth2(TestTokens.agent(PARTNER, 101, "agent")).contentType(ContentType.JSON)
                .body(body("{ getConversationById(")).post("/graphql").then().statusCode(200)
                .body("errors[0].message", notNullValue());
        given().get("/graphql/ui").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("graphiql"));
    }

    @Test
    void partnersNeverSeeEachOthersConversationsAndSystemReadsAny() {
        // The other partner has no call 501: its own path answers null.
        post(as(TestTokens.agent(OTHER, 101, "agent"), OTHER), OTHER, "getConversationById",
                "{ getConversationById(conversationId: \"call-501\") { conversationId } }")
                .statusCode(200).body("data.getConversationById", nullValue());
        post(as(TestTokens.agent(OTHER, 101, "supervisor"), OTHER), OTHER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"101\") { edges { cursor } } }")
                .statusCode(200).body("data.getConversationsByAgent.edges", hasSize(0));
        // The system role reads any partner's path (its token's partner is its own).
        post(as(TestTokens.bearer("platform-ops", "system"), PARTNER), PARTNER, "getConversationsByAgent",
                "{ getConversationsByAgent(agentId: \"101\") { edges { node { conversationId partnerId } } } }")
                .statusCode(200)
                .body("data.getConversationsByAgent.edges.node.partnerId", hasItem(PARTNER))
                .body("data.getConversationsByAgent.edges.node.conversationId", hasItem("call-501"));
    }

    @Test
    void theSystemLevelPathReadsEveryPartnerAndNamesIt() {
        String byAgent = "{ getConversationsByAgent(agentId: \"101\", first: 100) { edges { node { conversationId partnerId } } } }";
        JsonPath all = given().auth().oauth2(TestTokens.bearer("platform-ops", "system")).contentType(ContentType.JSON)
                .body(body(byAgent)).post("/api/system/data/conversationdata/getConversationsByAgent")
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("data.getConversationsByAgent.edges.node.partnerId")).contains(PARTNER);
        assertThat(all.getList("data.getConversationsByAgent.edges.node.findAll { it.partnerId == '" + PARTNER
                + "' }.conversationId")).contains("call-501", "chat-701");
        // The partner level never reaches it, whatever its role.
        for (String role : List.of("agent", "supervisor", "admin")) {
            given().auth().oauth2(TestTokens.bearer(PARTNER, role)).contentType(ContentType.JSON).body(body(byAgent))
                    .post("/api/system/data/conversationdata/getConversationsByAgent").then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.bearer("platform-ops", "system")).contentType(ContentType.JSON)
                .body(body("{ getConversationById(conversationId: \"call-501\") { conversationId } }"))
                .post("/api/system/data/conversationdata/getConversationsByAgent").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        given().auth().oauth2(TestTokens.bearer("platform-ops", "system")).contentType(ContentType.JSON)
                .body(body(byAgent)).post("/api/system/data/nope/getConversationsByAgent").then().statusCode(404);
    }
}
