package io.switchboard.consumer.positions;

import io.switchboard.events.WireTime;

import java.time.Instant;
import java.util.List;

/**
 * A PostgreSQL array literal ({@code {1,NULL,"a \"b\""}}) built by hand, bound as one text parameter
 * and cast in SQL ({@code ?::text::int8[]}): a whole column of a batch in one parameter, parsed by the
 * server in one go. Cheaper on both sides than thousands of bound parameters or the drivers' array
 * objects, and the same text works for JDBC and the reactive client.
 */
public final class ArrayLiteral {
    private ArrayLiteral() {
    }

    public static String of(List<?> values) {
        StringBuilder literal = new StringBuilder(values.size() * 12 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            append(literal, values.get(i));
        }
        return literal.append('}').toString();
    }

    private static void append(StringBuilder literal, Object value) {
        if (value == null) {
            literal.append("NULL");
        } else if (value instanceof Number || value instanceof Boolean) {
            literal.append(value);
        } else if (value instanceof Instant instant) {
            literal.append(WireTime.format(instant));
        } else {
            String text = value.toString();
            literal.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
    }
}
