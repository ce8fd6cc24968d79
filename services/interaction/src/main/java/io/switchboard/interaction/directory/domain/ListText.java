package io.switchboard.interaction.directory.domain;

import java.util.Arrays;
import java.util.List;

/** Reads back the list form {@code [a,b]} that update events use for former and new values. */
final class ListText {
    private ListText() {
    }

    static List<String> strings(String text) {
        if (text == null || text.length() < 2 || text.equals("[]")) {
            return List.of();
        }
        return Arrays.stream(text.substring(1, text.length() - 1).split(",")).map(String::strip).toList();
    }

    static List<Long> longs(String text) {
        return strings(text).stream().map(Long::valueOf).toList();
    }
}
