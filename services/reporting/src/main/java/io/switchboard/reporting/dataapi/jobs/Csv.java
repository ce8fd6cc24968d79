package io.switchboard.reporting.dataapi.jobs;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines: a cell with a comma, quote or line break is quoted, quotes doubled; lines end in CRLF. */
final class Csv {
    private Csv() {
    }

    static String line(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(String value) {
        String safe = value;
        // A cell a spreadsheet would run as a formula is prefixed, so an export opened in one cannot execute it.
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0 && !isNumber(safe)) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
