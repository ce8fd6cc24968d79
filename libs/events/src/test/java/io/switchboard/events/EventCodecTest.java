package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();
    private final EventRegistry registry = EventRegistry.standard();

    @TestFactory
    Stream<DynamicTest> everyRegisteredTypeRoundTripsThroughJson() {
        return registry.types().stream().map(type -> DynamicTest.dynamicTest(registry.idOf(type).toString(), () -> {
            DomainEvent payload = new SampleValues().of(type);
            EventEnvelope envelope = envelope(payload);

            EventEnvelope decoded = codec.decode(codec.encode(envelope));

            assertThat(decoded).isEqualTo(envelope);
            assertThat(decoded.data()).isInstanceOf(type);
        }));
    }

    @Test
    void registryKnowsEveryFamilyAndNamesAreUniquePerVersion() {
        assertThat(registry.types()).hasSizeGreaterThanOrEqualTo(38);
        assertThat(registry.types().stream().map(registry::idOf).map(EventTypeId::type))
                .contains("ChatCreated", "MessageSent", "ChatMarked", "PhotoAttached", "VideoAttached",
                        "CallCreated", "CallEnded", "AgentStatusChanged", "TeamMemberRemoved", "MenuCreated",
                        "InteractionStarted", "UserVariablesSet", "InteractionEnded", "MessageRedacted");
        assertThat(registry.types().stream().map(registry::idOf)).doesNotHaveDuplicates();
        // A name has several versions only where a breaking change made a new one (libs/events README).
        Map<String, List<Integer>> versions = registry.types().stream().map(registry::idOf)
                .collect(Collectors.groupingBy(EventTypeId::type, TreeMap::new,
                        Collectors.mapping(EventTypeId::version, Collectors.toList())));
        versions.values().forEach(list -> list.sort(null));
        versions.values().removeIf(list -> list.size() == 1);
        assertThat(versions).isEqualTo(Map.of("AgentUpdated", List.of(1, 2), "MenuUpdated", List.of(1, 2),
                "TeamUpdated", List.of(1, 2), "VirtualAgentUpdated", List.of(1, 2)));
    }

    @Test
    void envelopeJsonHasTheDocumentedFieldNamesAndMillisecondUtcInstants() {
        EventEnvelope envelope = envelope(new CallHeld(42, Instant.parse("2026-11-21T09:30:00.123456789Z")));

        JsonNode json = codec.mapper().valueToTree(envelope);

        assertThat(json.fieldNames()).toIterable().containsExactly("eventId", "type", "version", "aggregateType",
                "aggregateId", "sequence", "partnerId", "occurredAt", "causationId", "correlationId", "data");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-21T10:00:00.000Z");
        assertThat(json.get("data").get("heldAt").asText()).isEqualTo("2026-11-21T09:30:00.123Z");
        assertThat(json.get("type").asText()).isEqualTo("CallHeld");
        assertThat(json.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void unknownFieldsAreIgnoredOnEnvelopeAndPayload() {
        String json = """
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"CallHeld","version":1,
                 "aggregateType":"call","aggregateId":"42","sequence":3,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","addedLater":{"x":1},
                 "data":{"callId":42,"heldAt":"2026-11-21T09:30:00.123Z","newField":"ignored"}}""";

        EventEnvelope decoded = codec.decode(json);

        assertThat(decoded.data()).isEqualTo(new CallHeld(42, Instant.parse("2026-11-21T09:30:00.123Z")));
        assertThat(decoded.causationId()).isNull();
    }

    @Test
    void absentOrNullCollectionsReadAsEmptyBecauseDebeziumDropsEmptyArrays() {
        String json = """
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"ChatCreated","version":1,
                 "aggregateType":"chat","aggregateId":"chat-1","sequence":1,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z",
                 "data":{"chatId":1,"status":"queued","context":null,"createdAt":"2026-11-21T10:00:00.000Z"}}""";

        ChatCreated created = codec.decode(json).dataAs(ChatCreated.class);

        assertThat(created.transcript()).isEmpty();
        assertThat(created.features()).isEmpty();
        assertThat(created.context()).isEmpty();
        assertThat(created.endUser()).isNull();
    }

    @Test
    void instantsWithOffsetsAreNormalisedToUtcMillis() {
        String json = """
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"CallHeld","version":1,
                 "aggregateType":"call","aggregateId":"42","sequence":1,"partnerId":"acme",
                 "occurredAt":"2026-11-21T11:00:00.5+01:00",
                 "data":{"callId":42,"heldAt":"2026-11-21T09:30:00.123999Z"}}""";

        EventEnvelope decoded = codec.decode(json);

        assertThat(decoded.occurredAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00.500Z"));
        assertThat(decoded.dataAs(CallHeld.class).heldAt()).isEqualTo(Instant.parse("2026-11-21T09:30:00.123Z"));
    }

    @Test
    void dataBeforeTypeDecodesAsPostgresJsonbOrdersKeys() {
        // jsonb orders keys by length, then bytes: "data" comes before "type" on Debezium's topics.
        String json = """
                {"data":{"callId":42,"heldAt":"2026-11-21T09:30:00.123Z","extra":{"nested":[1,2]}},"type":"CallHeld",
                 "eventId":"00000000-0000-0001-0000-000000000001","version":1,"sequence":3,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","aggregateId":"42","causationId":null,"aggregateType":"call"}""";

        EventEnvelope decoded = codec.decode(json);

        assertThat(decoded.data()).isEqualTo(new CallHeld(42, Instant.parse("2026-11-21T09:30:00.123Z")));
        assertThat(decoded.sequence()).isEqualTo(3);
        assertThat(decoded.causationId()).isNull();
        assertThat(codec.decode(codec.mapper().valueToTree(decoded))).isEqualTo(decoded);
    }

    @Test
    void anUnregisteredTypeDecodesToUnknownEventAndReencodesUnchanged() {
        String json = """
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"ChatCreated","version":7,
                 "aggregateType":"chat","aggregateId":"1","sequence":1,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","data":{"from":"the future"}}""";

        EventEnvelope decoded = codec.decode(json);

        assertThat(decoded.data()).isInstanceOf(UnknownEvent.class);
        assertThat(codec.decode(codec.encode(decoded))).isEqualTo(decoded);
    }

    @Test
    void aPayloadOfTheWrongShapeIsADecodingErrorNamingTheType() {
        String json = """
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"CallHeld","version":1,
                 "aggregateType":"call","aggregateId":"42","sequence":1,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","data":{"callId":"not a number"}}""";

        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(EventCodec.EventDecodingException.class)
                .hasMessageContaining("CallHeld v1");
    }

    @Test
    void missingEnvelopeFieldsAreNamed() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"CallHeld\",\"version\":1}"))
                .isInstanceOf(EventCodec.EventDecodingException.class)
                .hasMessageContaining("'data'");
        assertThatThrownBy(() -> codec.decode("[1,2]"))
                .isInstanceOf(EventCodec.EventDecodingException.class);
    }

    @Test
    void registryRejectsTwoClassesClaimingOneTypeAndVersion() {
        assertThatThrownBy(() -> EventRegistry.of(java.util.List.of(ChatCreated.class, Clash.class)))
                .hasMessageContaining("ChatCreated v1");
    }

    @EventType(name = "ChatCreated")
    record Clash(long chatId) implements DomainEvent {
    }

    private EventEnvelope envelope(DomainEvent payload) {
        EventTypeId id = registry.idOf(payload);
        return new EventEnvelope(UUID.randomUUID(), id.type(), id.version(), "test", "agg-1", 1, "partner-a",
                Instant.parse("2026-11-21T10:00:00Z"), UUID.randomUUID(), UUID.randomUUID(), payload);
    }
}
