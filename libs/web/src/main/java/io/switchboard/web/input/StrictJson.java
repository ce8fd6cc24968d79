package io.switchboard.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.switchboard.events.WireTime;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The JSON every Switchboard service reads: one mapper for all request bodies, strict where
 * Jackson is lenient by default, so that hostile input is a 400 naming the field instead of a 500
 * or a silently altered value.
 * <ul>
 *   <li>NUL characters and unpaired surrogates in any string or key (PostgreSQL refuses NUL; a lone
 *   surrogate is not text) — {@link CheckedParser};</li>
 *   <li>duplicate keys, trailing tokens after the document;</li>
 *   <li>a value of another JSON type than the field's: no number or boolean for a string, no string
 *   for a number or boolean, no fraction for an integer ({@code 1.5} is not truncated to 1);</li>
 *   <li>nesting deeper than {@value #MAX_DEPTH}, strings longer than {@value #MAX_STRING}
 *   characters, keys longer than {@value #MAX_NAME}, numbers longer than {@value #MAX_NUMBER}
 *   digits (each field's own, smaller limit is bean validation's);</li>
 *   <li>instants that are not ISO-8601 text with an offset within the years 0001–9999 ({@link WireTime}).</li>
 * </ul>
 * It replaces Quarkus' default mapper (a {@code @DefaultBean}) and applies every
 * {@link ObjectMapperCustomizer} in the same order Quarkus does, so {@code quarkus.jackson.*}
 * settings still apply; the strict settings come last and cannot be undone by a customizer.
 */
@Singleton
public class StrictJson {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_STRING = 262_144;
    public static final int MAX_NAME = 1_024;
    public static final int MAX_NUMBER = 100;

    @Produces
    @Singleton
    ObjectMapper objectMapper(Instance<ObjectMapperCustomizer> customizers) {
        ObjectMapper mapper = new ObjectMapper(new CheckedJsonFactory());
        List<ObjectMapperCustomizer> ordered = new ArrayList<>();
        customizers.forEach(ordered::add);
        Collections.sort(ordered);
        ordered.forEach(customizer -> customizer.customize(mapper));
        return configure(mapper);
    }

    /** A strict mapper outside CDI (tests, tools): the same rules without Quarkus' customizers. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper(new CheckedJsonFactory()).findAndRegisterModules());
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING)
                .maxNameLength(MAX_NAME)
                .maxNumberLength(MAX_NUMBER)
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.EmptyString);
        mapper.registerModule(new SimpleModule("switchboard-strict-json")
                .addDeserializer(Instant.class, new WireInstantDeserializer()));
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Instants as text only, bounded by {@link WireTime}. */
    static final class WireInstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        WireInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            Instant instant = WireTime.tryParse(text, null);
            if (instant == null) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, WireTime.EXPECTED);
            }
            return instant;
        }
    }
}
