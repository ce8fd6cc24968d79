package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * JSON (de)serialisation of envelopes. Unknown fields are ignored (producers may add fields),
 * instants are {@link WireTime}'s (UTC ISO-8601 with exactly three fraction digits), and a payload whose (type, version)
 * is not registered decodes to {@link UnknownEvent} instead of failing the consumer.
 */
public final class EventCodec {


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
        try (JsonParser parser = mapper.createParser(json)) {
            return decode(parser);
        } catch (IOException e) {
            throw new EventDecodingException("not a JSON event envelope", e);
        }
    }

    public EventEnvelope decode(String json) {
        try (JsonParser parser = mapper.createParser(json)) {
            return decode(parser);
        } catch (IOException e) {
            throw new EventDecodingException("not a JSON event envelope", e);
        }
    }

    /**
     * Streams the envelope instead of building a tree of it first: every consumer decodes every event,
     * and the tree (a map per object) was most of that cost. The payload is read straight into its
     * class when {@code type} and {@code version} came before {@code data}; when {@code data} comes
     * first (PostgreSQL's jsonb, and so Debezium, orders keys by length), it is buffered as tokens
     * and read once the type is known.
     */
    private EventEnvelope decode(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new EventDecodingException("an event envelope must be a JSON object", null);
        }
        String eventId = null, type = null, aggregateType = null, aggregateId = null, partnerId = null,
                occurredAt = null, causationId = null, correlationId = null;
        Integer version = null;
        Long sequence = null;
        DomainEvent payload = null;
        TokenBuffer bufferedData = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "eventId" -> eventId = parser.getValueAsString();
                case "type" -> type = parser.getValueAsString();
                case "version" -> version = parser.getValueAsInt();
                case "aggregateType" -> aggregateType = parser.getValueAsString();
                case "aggregateId" -> aggregateId = parser.getValueAsString();
                case "sequence" -> sequence = parser.getValueAsLong();
                case "partnerId" -> partnerId = parser.getValueAsString();
                case "occurredAt" -> occurredAt = parser.getValueAsString();
                case "causationId" -> causationId = parser.getValueAsString();
                case "correlationId" -> correlationId = parser.getValueAsString();
                case "data" -> {
                    if (type != null && version != null) {
                        payload = payload(parser, new EventTypeId(type, version));
                    } else {
                        bufferedData = TokenBuffer.asCopyOfValue(parser);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        EventTypeId id = new EventTypeId(required(type, "type"), required(version, "version"));
        if (payload == null) {
            TokenBuffer data = required(bufferedData, "data");
            try (JsonParser buffered = data.asParserOnFirstToken()) {
                payload = payload(buffered, id);
            }
        }
        return new EventEnvelope(
                UUID.fromString(required(eventId, "eventId")),
                id.type(),
                id.version(),
                required(aggregateType, "aggregateType"),
                required(aggregateId, "aggregateId"),
                required(sequence, "sequence"),
                required(partnerId, "partnerId"),
                occurredAt(required(occurredAt, "occurredAt")),
                causationId == null ? null : UUID.fromString(causationId),
                correlationId == null ? null : UUID.fromString(correlationId),
                payload);
    }

    private static Instant occurredAt(String text) {
        try {
            return WireTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new EventDecodingException("'" + text + "' is not an ISO-8601 date-time with offset", e);
        }
    }

    /** The payload at the parser's current token (the start of {@code data}). */
    private DomainEvent payload(JsonParser parser, EventTypeId id) throws IOException {
        Class<? extends DomainEvent> type = registry.classOf(id).orElse(null);
        if (type == null) {
            return new UnknownEvent(mapper.readTree(parser));
        }
        try {
            return mapper.readValue(parser, type);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("payload does not match " + id + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new EventDecodingException("event envelope has no '" + field + "'", null);
        }
        return value;
    }

    public EventEnvelope decode(JsonNode node) {
        if (!(node instanceof ObjectNode)) {
            throw new EventDecodingException("an event envelope must be a JSON object", null);
        }
        try (JsonParser parser = mapper.treeAsTokens(node)) {
            return decode(parser);
        } catch (IOException e) {
            throw new EventDecodingException("not a JSON event envelope", e);
        }
    }

    private static final class MillisInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(WireTime.format(value));
        }
    }

    private static final class LenientInstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return WireTime.parse(text);
            } catch (DateTimeParseException e) {
                throw context.weirdStringException(text, Instant.class,
                        "'" + text + "' is not an ISO-8601 date-time with offset");
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
