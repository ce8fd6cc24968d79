package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.switchboard.events.kafka.EventHeaders;
import io.switchboard.events.system.SystemEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is what {@link AsyncApiDocument} generates from the registry, so it cannot drift from the event
 * records. To accept a change of the events, run this test with {@code -Dswitchboard.asyncapi.update=true}: it
 * rewrites the file (docs/asyncapi.md).
 */
class AsyncApiDocumentTest {
    /** The working directory of a module's tests is the module's own. */
    static final Path COMMITTED = Path.of("../../docs/asyncapi.yaml");

    private static final EventRegistry REGISTRY = EventRegistry.standard();
    private static final EventCodec CODEC = EventCodec.standard();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static String generated;
    private static JsonNode committed;

    @BeforeAll
    static void generate() throws IOException {
        generated = new AsyncApiDocument(REGISTRY).yaml();
        if (Boolean.getBoolean("switchboard.asyncapi.update")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).exists();
        committed = new YAMLMapper().readTree(COMMITTED.toFile());
    }

    @Test
    void theCommittedDocumentIsTheGeneratedOne() throws IOException {
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/asyncapi.yaml is stale: rerun with -Dswitchboard.asyncapi.update=true")
                .isEqualTo(generated);
        assertThat(committed.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void everyRegisteredTypeAndVersionIsAMessageAndNothingElseIs() {
        Set<EventTypeId> registered = REGISTRY.types().stream().map(REGISTRY::idOf).collect(Collectors.toSet());

        Set<EventTypeId> documented = new HashSet<>();
        committed.path("components").path("messages").fields().forEachRemaining(entry -> {
            JsonNode fixed = entry.getValue().path("payload").path("allOf").path(1).path("properties");
            EventTypeId id = new EventTypeId(fixed.path("type").path("const").asText(),
                    fixed.path("version").path("const").asInt());
            assertThat(entry.getKey()).isEqualTo(AsyncApiDocument.messageName(id));
            assertThat(entry.getValue().path("name").asText()).isEqualTo(id.type());
            documented.add(id);
        });

        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theChannelsAreTheTopicsAndCarryEveryMessageOfTheirFamilies() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        Set<String> addresses = new TreeSet<>();
        committed.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).isEqualTo(topics);

        // Every message is on at least one channel, and the heartbeat on all of them.
        Set<String> onChannels = new HashSet<>();
        committed.path("channels").forEach(channel -> {
            channel.path("messages").fieldNames().forEachRemaining(onChannels::add);
            assertThat(channel.path("messages").has("Heartbeat.v1")).as(channel.path("address").asText()).isTrue();
        });
        assertThat(onChannels).containsExactlyInAnyOrderElementsOf(() -> committed.path("components").path("messages").fieldNames());
        assertThat(committed.at("/channels/chat/messages").has("ChatCreated.v1")).isTrue();
        assertThat(committed.at("/channels/chat/messages").has("CallCreated.v1")).isFalse();
        assertThat(committed.at("/channels/interaction/messages").has("AgentUpdated.v1")).isTrue();

        // The families named in the generator are exactly the holders of registered types.
        Set<Class<?>> holders = REGISTRY.types().stream().map(Class::getDeclaringClass).collect(Collectors.toSet());
        assertThat(AsyncApiDocument.FAMILIES.stream().map(AsyncApiDocument.Family::holder))
                .containsExactlyInAnyOrderElementsOf(holders);
    }

    @Test
    void theHeadersAreTheOnesTheOutboxRouterSets() {
        JsonNode headers = committed.at("/components/schemas/Headers");
        assertThat(headers.path("properties").fieldNames()).toIterable()
                .containsExactly(EventHeaders.ID, EventHeaders.TYPE, EventHeaders.PARTNER_ID);
        // deploy/debezium/template/outbox.json: event_id is the id header, the rest are placed by name.
        assertThat(headers.path("description").asText()).contains("transforms.outbox.table.fields.additional.placement");
    }

    /**
     * A fully populated event of every type, encoded by the codec as a producer writes it, is valid against its
     * message's payload schema, and its Kafka key and headers against theirs: the schemas say what the wire carries.
     */
    @TestFactory
    Stream<DynamicTest> everyEncodedEventMatchesItsMessageSchemas() {
        return REGISTRY.types().stream().map(type -> DynamicTest.dynamicTest(REGISTRY.idOf(type).toString(), () -> {
            EventTypeId id = REGISTRY.idOf(type);
            String message = "/components/messages/" + AsyncApiDocument.messageName(id);
            JsonNode family = committed.at(message + "/payload/allOf/1/properties/aggregateType/enum/0");
            boolean heartbeat = type.getDeclaringClass() == SystemEvents.class;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), id.type(), id.version(), family.asText(),
                    family.asText() + "-42", 7, heartbeat ? SystemEvents.SYSTEM_PARTNER : "acme",
                    Instant.parse("2026-11-21T09:30:00.123Z"), UUID.randomUUID(), null, new SampleValues().of(type));
            JsonNode value = CODEC.mapper().readTree(CODEC.encode(envelope));
            JsonNode headers = CODEC.mapper().valueToTree(Map.of(EventHeaders.ID, envelope.eventId().toString(),
                    EventHeaders.TYPE, envelope.type(), EventHeaders.PARTNER_ID, envelope.partnerId()));

            assertThat(validate(message + "/payload", value)).isEmpty();
            assertThat(validate(message + "/headers", headers)).isEmpty();
            assertThat(validate(message + "/bindings/kafka/key", CODEC.mapper().valueToTree(envelope.aggregateId())))
                    .isEmpty();
            // Every field of the payload is described (the schema lists what the codec writes, nothing less).
            JsonNode properties = committed.at("/components/schemas/" + AsyncApiDocument.messageName(id) + "/properties");
            assertThat(properties.fieldNames()).toIterable()
                    .containsExactlyInAnyOrderElementsOf(() -> value.path("data").fieldNames());
        }));
    }

    @Test
    void theSchemasRejectWhatTheWireNeverCarries() throws IOException {
        String message = "/components/messages/CallHeld.v1";
        JsonNode wrongType = CODEC.mapper().readTree("""
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"CallHeld","version":1,
                 "aggregateType":"call","aggregateId":"call-42","sequence":3,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","data":{"callId":"forty-two","heldAt":"2026-11-21T09:30:00.123Z"}}""");
        JsonNode otherVersion = ((ObjectNode) wrongType.deepCopy()).put("version", 2)
                .set("data", CODEC.mapper().readTree("{\"callId\":42}"));
        JsonNode noSequence = ((ObjectNode) otherVersion.deepCopy()).put("version", 1);
        ((ObjectNode) noSequence).remove("sequence");

        assertThat(validate(message + "/payload", wrongType)).anyMatch(m -> m.contains("callId"));
        assertThat(validate(message + "/payload", otherVersion)).anyMatch(m -> m.contains("version"));
        assertThat(validate(message + "/payload", noSequence)).anyMatch(m -> m.contains("sequence"));
        assertThat(validate(message + "/bindings/kafka/key", CODEC.mapper().valueToTree("chat-42")))
                .as("a call's key is a call stream").isNotEmpty();
    }

    /**
     * Validates against the schema at {@code pointer} of the committed document: the document itself is the schema,
     * with a root {@code $ref} (draft 7 ignores its siblings), so the components' references resolve as in AsyncAPI.
     */
    private static Set<String> validate(String pointer, JsonNode instance) {
        ObjectNode root = committed.deepCopy();
        root.put("$ref", "#" + pointer);
        JsonSchema schema = SCHEMAS.getSchema(root, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
