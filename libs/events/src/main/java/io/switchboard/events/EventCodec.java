package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * JSON (de)serialisation of envelopes. Unknown fields are ignored (producers may add fields),
 * instants are UTC ISO-8601 with exactly three fraction digits, and a payload whose (type, version)
 * is not registered decodes to {@link UnknownEvent} instead of failing the consumer.
 */
public final class EventCodec {

    /** {@code 2026-11-21T09:30:00.000Z}: fixed width, so the strings also sort chronologically. */
    public static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final EventRegistry registry;
    private final ObjectMapper mapper;

    public EventCodec(EventRegistry registry) {
        this.registry = registry;
        this.mapper = newObjectMapper();
    }

    public static EventCodec standard() {
        return Holder.STANDARD;
    }

    /**
     * A mapper with the wire conventions of Switchboard events; useful for payload fragments too.
     * Collections in events are never null: an absent or null list or map reads as empty, because
     * Debezium's JSON expansion drops empty arrays on the way to Kafka.
     */
    public static ObjectMapper newObjectMapper() {
        JsonSetter.Value nullsAsEmpty = JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY);
        return JsonMapper.builder()
                .withConfigOverride(List.class, o -> o.setSetterInfo(nullsAsEmpty))
                .withConfigOverride(Set.class, o -> o.setSetterInfo(nullsAsEmpty))
                .withConfigOverride(Collection.class, o -> o.setSetterInfo(nullsAsEmpty))
                .withConfigOverride(Map.class, o -> o.setSetterInfo(nullsAsEmpty))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new SimpleModule("switchboard-time")
                        .addSerializer(Instant.class, new MillisInstantSerializer())
                        .addDeserializer(Instant.class, new LenientInstantDeserializer()))
                .build();
    }

    public EventRegistry registry() {
        return registry;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + envelope.eventId(), e);
        }
    }

    public String encodeToString(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + envelope.eventId(), e);
        }
    }

    public EventEnvelope decode(byte[] json) {
        try {
            return decode(mapper.readTree(json));
        } catch (IOException e) {
            throw new EventDecodingException("not a JSON event envelope", e);
        }
    }

    public EventEnvelope decode(String json) {
        try {
            return decode(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("not a JSON event envelope", e);
        }
    }

    public EventEnvelope decode(JsonNode node) {
        if (!(node instanceof ObjectNode envelope)) {
            throw new EventDecodingException("an event envelope must be a JSON object", null);
        }
        EventTypeId id = new EventTypeId(required(envelope, "type").asText(), required(envelope, "version").asInt());
        JsonNode data = required(envelope, "data");
        DomainEvent payload = registry.classOf(id)
                .<DomainEvent>map(type -> payload(data, type, id))
                .orElseGet(() -> new UnknownEvent(data));
        return new EventEnvelope(
                UUID.fromString(required(envelope, "eventId").asText()),
                id.type(),
                id.version(),
                required(envelope, "aggregateType").asText(),
                required(envelope, "aggregateId").asText(),
                required(envelope, "sequence").asLong(),
                required(envelope, "partnerId").asText(),
                parseInstant(required(envelope, "occurredAt").asText()),
                optionalUuid(envelope, "causationId"),
                optionalUuid(envelope, "correlationId"),
                payload);
    }

    private DomainEvent payload(JsonNode data, Class<? extends DomainEvent> type, EventTypeId id) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("payload does not match " + id + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode required(ObjectNode envelope, String field) {
        JsonNode value = envelope.get(field);
        if (value == null || value.isNull()) {
            throw new EventDecodingException("event envelope has no '" + field + "'", null);
        }
        return value;
    }

    private static UUID optionalUuid(ObjectNode envelope, String field) {
        JsonNode value = envelope.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    /** Accepts any ISO-8601 instant or offset date-time and normalises it to UTC milliseconds. */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new EventDecodingException("'" + text + "' is not an ISO-8601 date-time with offset", e);
        }
    }

    public static String formatInstant(Instant instant) {
        return INSTANT_FORMAT.format(instant);
    }

    private static final class MillisInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(INSTANT_FORMAT.format(value));
        }
    }

    private static final class LenientInstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return parseInstant(parser.getValueAsString());
            } catch (EventDecodingException e) {
                throw context.weirdStringException(parser.getValueAsString(), Instant.class, e.getMessage());
            }
        }
    }

    private static final class Holder {
        static final EventCodec STANDARD = new EventCodec(EventRegistry.standard());
    }

    /** Thrown when bytes are not a well-formed envelope; the message says which part is wrong. */
    public static final class EventDecodingException extends RuntimeException {
        public EventDecodingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
