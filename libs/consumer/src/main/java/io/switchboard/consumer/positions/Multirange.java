package io.switchboard.consumer.positions;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** A set of stream positions as half-open ranges, in PostgreSQL's int8multirange text form. */
public record Multirange(List<long[]> ranges) {

    /** The fewest half-open ranges covering exactly {@code positions}: {1,2,3,7} → {@code {[1,4),[7,8)}}. */
    public static String of(SortedSet<Long> positions) {
        StringBuilder text = new StringBuilder("{");
        Long from = null, to = null;
        for (long n : positions) {
            if (to != null && n == to) {
                to = n + 1;
                continue;
            }
            if (from != null) {
                text.append(text.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(')');
            }
            from = n;
            to = n + 1;
        }
        if (from != null) {
            text.append(text.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(')');
        }
        return text.append('}').toString();
    }

    /** Parses {@code {[1,4),[7,8)}} (the canonical form PostgreSQL prints for int8 ranges). */
    public static Multirange parse(String text) {
        List<long[]> ranges = new ArrayList<>();
        String body = text.substring(1, text.length() - 1);
        if (!body.isEmpty()) {
            for (String range : body.split("\\),")) {
                String[] bounds = range.replace("[", "").replace(")", "").split(",");
                ranges.add(new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])});
            }
        }
        return new Multirange(ranges);
    }

    public boolean contains(long position) {
        for (long[] range : ranges) {
            if (position >= range[0] && position < range[1]) {
                return true;
            }
        }
        return false;
    }
}
