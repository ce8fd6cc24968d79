package io.switchboard.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a fully populated instance of any payload record, every component non-null and distinct,
 * so a round trip that drops or garbles any field shows up as an inequality.
 */
final class SampleValues {
    private int counter;

    @SuppressWarnings("unchecked")
    <T> T of(Class<T> type) {
        return (T) value(type, type);
    }

    private Object value(Class<?> raw, Type generic) {
        int n = ++counter;
        if (raw == String.class) return "text-" + n + " ünïcødé \"quoted\"";
        if (raw == long.class || raw == Long.class) return 1_000_000_000_000L + n;
        if (raw == int.class || raw == Integer.class) return 100 + n;
        if (raw == double.class || raw == Double.class) return n + 0.25;
        if (raw == boolean.class || raw == Boolean.class) return n % 2 == 0;
        if (raw == Instant.class) return Instant.parse("2026-11-21T09:30:00.123Z").plusMillis(n * 1_001L);
        if (raw == UUID.class) return new UUID(n, n);
        if (raw == Object.class) return "object-" + n;
        if (raw == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(value(rawOf(element), element), value(rawOf(element), element));
        }
        if (raw == Map.class) {
            Type valueType = ((ParameterizedType) generic).getActualTypeArguments()[1];
            return Map.of("key-" + n, value(rawOf(valueType), valueType));
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = value(types[i], components[i].getGenericType());
            }
            try {
                return raw.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + raw, e);
            }
        }
        throw new IllegalArgumentException("no sample for " + generic + ": extend SampleValues");
    }

    private static Class<?> rawOf(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
