package io.switchboard.reporting.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.switchboard.events.WireTime;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Every time in a response, rendered in one place: UTC ISO-8601 with milliseconds
 * ({@code 2026-11-21T10:00:00.000Z}), or, where the endpoint took a {@code time_zone} ({@link ResponseZone}),
 * in that zone with its offset ({@code 2026-11-21T05:00:00.000-05:00}). The views carry {@link Instant}s;
 * nothing renders a time to text before this serializer.
 */
@Singleton
public class WireTimes implements ObjectMapperCustomizer {
    /** After Quarkus' own customizer, which registers the java.time module: the serializer registered last wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("switchboard-wire-times").addSerializer(Instant.class, new Serializer()));
    }

    static String render(Instant instant, ZoneId zone) {
        return WireTime.format(instant, zone);
    }

    static final class Serializer extends StdSerializer<Instant> {
        /** The response's zone, looked up once per serialization (a per-call attribute of Jackson's). */
        private static final Object ZONE = Serializer.class;

        Serializer() {
            super(Instant.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Optional<ZoneId> zone = (Optional<ZoneId>) provider.getAttribute(ZONE);
            if (zone == null) {
                zone = Optional.ofNullable(ResponseZone.current());
                provider.setAttribute(ZONE, zone);
            }
            gen.writeString(render(value, zone.orElse(null)));
        }
    }
}
