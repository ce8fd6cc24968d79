package io.switchboard.events;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.InteractionEvents;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.events.system.SystemEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes docs/asyncapi.yaml, the AsyncAPI 3.0 description of the {@code switchboard.*} topics, from the event
 * registry: every (type, version) is a message, its payload schema read from the record through the codec's own
 * Jackson mapper, so property names and types are what {@link EventCodec} writes. {@code AsyncApiDocumentTest}
 * fails when the committed file differs, and rewrites it when run with {@code -Dswitchboard.asyncapi.update=true}.
 *
 * <p>What the registry does not know — which topic and which stream types a family of events travels on — is the
 * table {@link #FAMILIES}; a holder class missing from it stops the generator, so a new family cannot be left out.
 */
public final class AsyncApiDocument {
    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final String SCHEMAS = "#/components/schemas/";

    /** Where a family of events travels (docs/architecture.md#topics). */
    record Family(Class<?> holder, List<String> topics, List<String> streamTypes, String description) {
    }

    static final List<Family> FAMILIES = List.of(
            new Family(ChatEvents.class, List.of(Topics.CHAT), List.of(ChatEvents.AGGREGATE_TYPE),
                    "Chats and their messages (chat service)."),
            new Family(MediaEvents.class, List.of(Topics.MEDIA), List.of(MediaEvents.PHOTO, MediaEvents.VIDEO),
                    "Photos and videos attached to chats and calls, one stream per photo or video (media service)."),
            new Family(CallEvents.class, List.of(Topics.INTERACTION), List.of(CallEvents.AGGREGATE_TYPE),
                    "Voice calls: every timestamp the call-segment metrics are computed from (interaction service)."),
            new Family(DirectoryEvents.class, List.of(Topics.INTERACTION),
                    List.of(DirectoryEvents.AGENT, DirectoryEvents.TEAM, DirectoryEvents.MENU,
                            DirectoryEvents.VIRTUAL_AGENT, DirectoryEvents.ORGANIZATION),
                    "The directory: organization settings, agents (with their team memberships, status and work), "
                            + "teams, menus and virtual agents (interaction service)."),
            new Family(RoutingEvents.class, List.of(Topics.INTERACTION), List.of(RoutingEvents.AGGREGATE_TYPE),
                    "The router's decisions for chats, applied by the chat service (interaction service)."),
            new Family(InteractionEvents.class, List.of(Topics.INTERACTION), List.of(InteractionEvents.AGGREGATE_TYPE),
                    "Visual-IVR interactions of the Interaction History API (interaction service)."),
            new Family(RedactionEvents.class, List.of(Topics.REDACTION), List.of(RedactionEvents.AGGREGATE_TYPE),
                    "Redacted chat messages, one stream per chat (redaction service)."),
            new Family(SystemEvents.class, List.of(Topics.CHAT, Topics.MEDIA, Topics.INTERACTION, Topics.REDACTION),
                    List.of(SystemEvents.HEARTBEAT),
                    "The pipeline's own liveness: every writing service appends a heartbeat every 5 s to its own "
                            + "event store, so it travels on that service's topic (partner `" + SystemEvents.SYSTEM_PARTNER
                            + "`, key `heartbeat-<source>`)."));

    /** The envelope's fields as docs/architecture.md#envelope describes them; a new field needs its line here. */
    private static final Map<String, String> ENVELOPE_FIELDS = orderedMap(
            "eventId", "Unique id of the event; also the header `id`. Consumers deduplicate by stream and sequence.",
            "type", "Payload type name; also the header `type`.",
            "version", "Payload schema version: a breaking change is a new version, older versions stay readable.",
            "aggregateType", "The stream type, e.g. `chat`.",
            "aggregateId", "The stream id, `<stream type>-<id>` (e.g. `chat-42`); also the Kafka key.",
            "sequence", "The aggregate's version after this event (1 for the first): a stream's events arrive in this order.",
            "partnerId", "The partner (tenant) the event belongs to; also the header `partner_id`.",
            "occurredAt", "When it happened: UTC ISO-8601 with milliseconds, e.g. `2026-11-21T09:30:00.123Z`.",
            "causationId", "The event or command that caused this one, if any.",
            "correlationId", "The conversation of messages this one belongs to, if any.",
            "data", "The payload: the schema of this message's type and version.");
    private static final Set<String> ENVELOPE_REQUIRED =
            Set.of("eventId", "type", "version", "aggregateType", "aggregateId", "sequence", "partnerId", "occurredAt", "data");

    private final EventRegistry registry;
    private final ObjectMapper mapper;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    /** Component name → schema, filled while payloads are described. */
    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, Class<?>> schemaOwners = new LinkedHashMap<>();

    AsyncApiDocument(EventRegistry registry) {
        this.registry = registry;
        this.mapper = EventCodec.newObjectMapper();
        schemaOwners.put("EventEnvelope", EventEnvelope.class);
        schemaOwners.put("Headers", EventHeadersSchema.class);
    }

    /** Owner of the component name {@code Headers}, so no record can take it. */
    private static final class EventHeadersSchema {
    }

    /** The message component name of an event type: {@code ChatCreated.v1}. */
    static String messageName(EventTypeId id) {
        return id.type() + ".v" + id.version();
    }

    static String channelName(String topic) {
        return topic.substring(topic.indexOf('.') + 1);
    }

    String yaml() {
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
        try {
            return """
                    # Generated from libs/events (AsyncApiDocument, test scope): do not edit by hand. After changing an
                    # event, regenerate with
                    #   ./mvnw -B -o -q -pl libs/events test -Dtest=AsyncApiDocumentTest -Dswitchboard.asyncapi.update=true
                    # AsyncApiDocumentTest fails while this file differs from what the event records say.
                    """ + yaml.writeValueAsString(document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode document() {
        Map<Class<?>, Family> byHolder = FAMILIES.stream().collect(Collectors.toMap(Family::holder, f -> f));
        Map<EventTypeId, Class<? extends DomainEvent>> types = new TreeMap<>(
                Comparator.comparing(EventTypeId::type).thenComparing(EventTypeId::version));
        Map<EventTypeId, Family> familyOf = new LinkedHashMap<>();
        for (Class<? extends DomainEvent> type : registry.types()) {
            Family family = byHolder.get(type.getDeclaringClass());
            if (family == null) {
                throw new IllegalStateException(type.getName() + " is in no family of AsyncApiDocument.FAMILIES: "
                        + "add its holder class with its topic and stream types");
            }
            types.put(registry.idOf(type), type);
            familyOf.put(registry.idOf(type), family);
        }

        ObjectNode root = json.objectNode();
        root.put("asyncapi", "3.0.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Switchboard domain events");
        info.put("version", "1.0.0");
        info.put("description", """
                Every Switchboard domain event, as it arrives on the `switchboard.*` Kafka topics. Each writing \
                service appends events to its own PostgreSQL event store; Debezium's outbox event router \
                (deploy/debezium/) publishes each row to its service's topic: the key is the stream id, the value \
                the JSON envelope, and the headers `id`, `type` and `partner_id` repeat envelope fields so a \
                consumer can filter without parsing the value (Debezium adds `__debezium.context.*` headers of its \
                own, not part of this contract).

                Compatibility: fields are added, never renamed or repurposed; a reader ignores fields it does not \
                know. A breaking change is a new version of the type (a new message here); the older version stays \
                registered, because its events stay on the topics (retention is infinite: read models are rebuilt \
                from offset 0). Instants are UTC with milliseconds. A payload field absent from the JSON is null \
                (producers omit nulls); an absent list or map is empty (Debezium's JSON expansion drops empty arrays). \
                One stream's events are on one partition, in `sequence` order; different streams interleave.

                Consumers in this repository read these topics through libs/consumer (decode with EventCodec, \
                deduplicate by stream and sequence, retry until applied); docs/asyncapi.md says how this document \
                is made and checked.""");
        root.put("defaultContentType", "application/json");

        ObjectNode servers = root.putObject("servers");
        ObjectNode local = servers.putObject("local");
        local.put("host", "localhost:9092");
        local.put("protocol", "kafka");
        local.put("description", "The broker of deploy/local (`switchboard up`) and of docker-compose.yml.");
        ObjectNode kubernetes = servers.putObject("kubernetes");
        kubernetes.put("host", "switchboard-kafka-bootstrap.switchboard.svc:9092");
        kubernetes.put("protocol", "kafka");
        kubernetes.put("description", "The Strimzi cluster of deploy/k8s, inside the cluster.");

        ObjectNode messages = json.objectNode();
        types.forEach((id, type) -> messages.set(messageName(id), message(id, type, familyOf.get(id), types.keySet())));

        ObjectNode channels = root.putObject("channels");
        ObjectNode operations = root.putObject("operations");
        for (String topic : topics()) {
            String name = channelName(topic);
            List<EventTypeId> onTopic = types.keySet().stream()
                    .filter(id -> familyOf.get(id).topics().contains(topic)).toList();
            List<String> streamTypes = FAMILIES.stream().filter(f -> f.topics().contains(topic))
                    .flatMap(f -> f.streamTypes().stream()).toList();
            ObjectNode channel = channels.putObject(name);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", "Written by the " + name + " service's outbox connector "
                    + "(deploy/debezium/" + name + ".json). Stream types: "
                    + streamTypes.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")) + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            onTopic.forEach(id -> channelMessages.putObject(messageName(id))
                    .put("$ref", "#/components/messages/" + messageName(id)));
            ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
            kafka.put("topic", topic);
            kafka.put("partitions", 3);
            ObjectNode topicConfiguration = kafka.putObject("topicConfiguration");
            topicConfiguration.putArray("cleanup.policy").add("delete");
            topicConfiguration.put("retention.ms", -1);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);

            ObjectNode operation = operations.putObject("receive" + capitalized(name));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + name);
            operation.put("summary", "Read the events of " + topic + ".");
            ArrayNode refs = operation.putArray("messages");
            onTopic.forEach(id -> refs.addObject().put("$ref", "#/channels/" + name + "/messages/" + messageName(id)));
        }

        ObjectNode components = root.putObject("components");
        ObjectNode componentSchemas = components.putObject("schemas");
        componentSchemas.set("EventEnvelope", envelope());
        componentSchemas.set("Headers", headers());
        components.set("messages", messages);
        schemas.forEach(componentSchemas::set);
        return root;
    }

    private static List<String> topics() {
        List<String> topics = new ArrayList<>();
        FAMILIES.forEach(f -> f.topics().stream().filter(t -> !topics.contains(t)).forEach(topics::add));
        return topics;
    }

    private ObjectNode message(EventTypeId id, Class<? extends DomainEvent> type, Family family, Set<EventTypeId> all) {
        String payloadSchema = schemaName(type);
        schemas.put(payloadSchema, objectSchema(type));

        ObjectNode message = json.objectNode();
        message.put("name", id.type());
        message.put("title", id.type() + " v" + id.version());
        boolean superseded = all.stream().anyMatch(other -> other.type().equals(id.type()) && other.version() > id.version());
        message.put("summary", superseded
                ? "Superseded by a later version: nothing writes it any more, but its events stay on the topic and every consumer reads them."
                : "The version producers write.");
        message.put("description", family.description());
        message.put("contentType", "application/json");

        ObjectNode headers = message.putObject("headers");
        ArrayNode headerParts = headers.putArray("allOf");
        headerParts.addObject().put("$ref", SCHEMAS + "Headers");
        headerParts.addObject().putObject("properties").putObject("type").put("const", id.type());

        ObjectNode payload = message.putObject("payload");
        ArrayNode parts = payload.putArray("allOf");
        parts.addObject().put("$ref", SCHEMAS + "EventEnvelope");
        ObjectNode fixed = parts.addObject().putObject("properties");
        fixed.putObject("type").put("const", id.type());
        fixed.putObject("version").put("const", id.version());
        ArrayNode streamTypes = fixed.putObject("aggregateType").putArray("enum");
        family.streamTypes().forEach(streamTypes::add);
        if (family.holder() == SystemEvents.class) {
            fixed.putObject("partnerId").put("const", SystemEvents.SYSTEM_PARTNER);
        }
        fixed.putObject("data").put("$ref", SCHEMAS + payloadSchema);

        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("description", "The stream id (the envelope's `aggregateId`): one stream's events share a partition, in order.");
        key.put("pattern", "^(" + String.join("|", family.streamTypes()) + ")-.+$");
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);

        message.put("x-java-class", type.getName());
        return message;
    }

    private ObjectNode envelope() {
        ObjectNode envelope = json.objectNode();
        envelope.put("type", "object");
        envelope.put("description", "What every record value is: identity, origin, ordering, tenancy and the payload.");
        ObjectNode properties = json.objectNode();
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : properties(EventEnvelope.class)) {
            String name = property.getName();
            String description = ENVELOPE_FIELDS.get(name);
            if (description == null) {
                throw new IllegalStateException("EventEnvelope." + name + " has no description in AsyncApiDocument");
            }
            ObjectNode schema = name.equals("data") ? json.objectNode().put("type", "object")
                    : schemaOf(property.getPrimaryType());
            if (name.equals("version") || name.equals("sequence")) {
                schema.put("minimum", 1);
            }
            schema.put("description", description);
            properties.set(name, schema);
            if (ENVELOPE_REQUIRED.contains(name)) {
                required.add(name);
            }
        }
        if (!properties.has("data") || required.size() != ENVELOPE_REQUIRED.size()) {
            throw new IllegalStateException("EventEnvelope no longer has the fields AsyncApiDocument requires: " + ENVELOPE_REQUIRED);
        }
        ArrayNode requiredNode = envelope.putArray("required");
        required.forEach(requiredNode::add);
        envelope.set("properties", properties);
        return envelope;
    }

    private ObjectNode headers() {
        ObjectNode headers = json.objectNode();
        headers.put("type", "object");
        headers.put("description", "Set by Debezium's outbox router from the event store row "
                + "(transforms.outbox.table.fields.additional.placement); values are UTF-8 text.");
        headers.putArray("required").add("id").add("type").add("partner_id");
        ObjectNode properties = headers.putObject("properties");
        properties.putObject("id").put("type", "string").put("format", "uuid")
                .put("description", "The envelope's `eventId`.");
        properties.putObject("type").put("type", "string")
                .put("description", "The envelope's `type` (the version is only in the value).");
        properties.putObject("partner_id").put("type", "string")
                .put("description", "The envelope's `partnerId`.");
        return headers;
    }

    /** Schema name of a payload class: {@code ChatCreated.v1} for an event, the simple name for a nested record. */
    private String schemaName(Class<?> type) {
        String name = DomainEvent.class.isAssignableFrom(type) && type.isAnnotationPresent(EventType.class)
                ? messageName(registry.idOf(type.asSubclass(DomainEvent.class)))
                : type.getSimpleName();
        Class<?> owner = schemaOwners.putIfAbsent(name, type);
        if (owner != null && owner != type) {
            throw new IllegalStateException(type.getName() + " and " + owner.getName() + " would share the schema name " + name);
        }
        return name;
    }

    private ObjectNode objectSchema(Class<?> type) {
        ObjectNode schema = json.objectNode();
        schema.put("type", "object");
        ObjectNode properties = json.objectNode();
        ArrayNode required = json.arrayNode();
        for (BeanPropertyDefinition property : properties(type)) {
            JavaType propertyType = property.getPrimaryType();
            properties.set(property.getName(), schemaOf(propertyType));
            // Only a primitive is always written: producers omit nulls, and Debezium drops empty arrays.
            if (propertyType.isPrimitive()) {
                required.add(property.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.set("properties", properties);
        schema.put("x-java-class", type.getName());
        return schema;
    }

    private List<BeanPropertyDefinition> properties(Class<?> type) {
        SerializationConfig config = mapper.getSerializationConfig();
        BeanDescription description = config.introspect(mapper.constructType(type));
        return description.findProperties().stream().filter(BeanPropertyDefinition::couldSerialize).toList();
    }

    private ObjectNode schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        ObjectNode schema = json.objectNode();
        if (raw == String.class) {
            schema.put("type", "string");
        } else if (raw == long.class || raw == Long.class) {
            schema.put("type", "integer").put("format", "int64");
        } else if (raw == int.class || raw == Integer.class) {
            schema.put("type", "integer").put("format", "int32");
        } else if (raw == double.class || raw == Double.class) {
            schema.put("type", "number").put("format", "double");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (raw == UUID.class) {
            schema.put("type", "string").put("format", "uuid");
        } else if (raw == Object.class) {
            schema.put("description", "Any JSON value.");
        } else if (type.isCollectionLikeType()) {
            schema.put("type", "array");
            schema.set("items", schemaOf(type.getContentType()));
        } else if (type.isMapLikeType() && type.getKeyType().getRawClass() == String.class) {
            schema.put("type", "object");
            if (type.getContentType().getRawClass() != Object.class) {
                schema.set("additionalProperties", schemaOf(type.getContentType()));
            }
        } else if (raw.isRecord()) {
            String name = schemaName(raw);
            if (!schemas.containsKey(name)) {
                schemas.put(name, json.objectNode()); // reserves the name while a recursive record is described
                schemas.put(name, objectSchema(raw));
            }
            schema.put("$ref", SCHEMAS + name);
        } else {
            throw new IllegalArgumentException("no schema for " + type + ": extend AsyncApiDocument.schemaOf");
        }
        return schema;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
