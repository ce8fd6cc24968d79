package io.switchboard.e2e.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The suite's figures: one row per stretch of the run (the warm-up, each fault from just before its kill
 * to just before the next one, the wind-down), each with the events the load's partners wrote in it
 * (by position in each event store) and what became of them.
 */
final class FaultTable {

    /**
     * One stretch of the run.
     *
     * @param fault      the component killed in it, or a label ("warm-up", "wind-down")
     * @param fromHeads  the event stores' positions when it began (exclusive)
     * @param toHeads    and when it ended (inclusive); null for the last
     * @param restarted  kill → the launcher's {@code start} returned (the component healthy again), or null
     * @param recovered  kill → every read model had applied every event stored when the restart returned, or null
     */
    record Segment(String fault, Instant from, Instant to, Map<String, Long> fromHeads, Map<String, Long> toHeads,
                   Duration restarted, Duration recovered) {

        boolean holds(Ledger.Stored e) {
            return e.position() > fromHeads.get(e.store()) && (toHeads == null || e.position() <= toHeads.get(e.store()));
        }
    }

    /** The figures of one row. */
    record Row(Segment segment, long written, Map<ReadModel, long[]> appliedOfRelevant, long lost, long duplicated,
               long redelivered, long notOnTopics, CommandAudit.Outcomes outcomes, CommandAudit.Writes writes) {

        double seconds() {
            return Duration.between(segment.from(), segment.to()).toMillis() / 1000.0;
        }

        double rate() {
            return written / Math.max(0.001, seconds());
        }
    }

    /** Totals over the run that no single row owns. */
    record Totals(Map<ReadModel, Long> phantoms, Map<String, Long> deadLettersBefore, Map<String, Long> deadLettersAfter,
                  List<String> readModelDifferences, List<String> uncertain, List<String> duplicateExamples) {

        long phantomCount() {
            return phantoms.values().stream().mapToLong(Long::longValue).sum();
        }

        long newDeadLetters() {
            return deadLettersAfter.entrySet().stream()
                    .mapToLong(e -> e.getValue() - deadLettersBefore.getOrDefault(e.getKey(), 0L)).sum();
        }
    }

    private FaultTable() {
    }

    static List<Row> rows(List<Segment> segments, List<Ledger.Stored> events, Ledger.Applied applied,
                          Map<UUID, Integer> deliveries, Map<Long, Integer> reportedMessages, List<Load.Attempt> attempts,
                          List<String> duplicateExamples) {
        Map<Ledger.Stored, Long> duplicatedBy = duplicates(events, reportedMessages, duplicateExamples);
        List<Row> rows = new ArrayList<>();
        for (Segment segment : segments) {
            long written = 0, lost = 0, duplicated = 0, redelivered = 0, notOnTopics = 0;
            Map<ReadModel, long[]> perModel = new EnumMap<>(ReadModel.class);
            for (ReadModel model : ReadModel.values()) {
                perModel.put(model, new long[2]);
            }
            for (Ledger.Stored e : events) {
                if (!segment.holds(e)) {
                    continue;
                }
                written++;
                for (ReadModel model : e.readModels()) {
                    long[] counts = perModel.get(model);
                    counts[1]++;
                    if (applied.contains(model, e.stream(), e.sequence())) {
                        counts[0]++;
                    } else {
                        lost++;
                    }
                }
                duplicated += duplicatedBy.getOrDefault(e, 0L);
                int delivered = deliveries.getOrDefault(e.eventId(), 0);
                redelivered += Math.max(0, delivered - 1);
                if (delivered == 0) {
                    notOnTopics++;
                }
            }
            rows.add(new Row(segment, written, perModel, lost, duplicated, redelivered, notOnTopics,
                    CommandAudit.outcomes(attempts, segment.from(), segment.to()),
                    CommandAudit.writes(attempts, events, segment.from(), segment.to())));
        }
        return rows;
    }

    /**
     * Effects applied twice, charged to the event that shows them: (1) an event appended by a read model's
     * effect (it names the event it applied as its causation: agent status's work and status changes, chat's
     * assignments, routing's decisions) stored twice for one cause in one stream; (2) a chat whose message
     * count in reporting (one added per {@code MessageSent} applied) exceeds its stored messages, charged to
     * its last message.
     */
    private static Map<Ledger.Stored, Long> duplicates(List<Ledger.Stored> events, Map<Long, Integer> reportedMessages,
                                                       List<String> examples) {
        Map<Ledger.Stored, Long> charged = new HashMap<>();
        Set<List<Object>> effects = new HashSet<>();
        Map<String, Ledger.Stored> lastMessage = new HashMap<>();
        Map<String, Integer> messages = new HashMap<>();
        for (Ledger.Stored e : events) {
            if (e.causation() != null && !effects.add(List.of(e.stream(), e.type(), e.causation()))) {
                charged.merge(e, 1L, Long::sum);
                if (examples.size() < 10) {
                    examples.add(e.type() + " in " + e.stream() + " caused by " + e.causation() + " stored twice");
                }
            }
            if ("MessageSent".equals(e.type()) && "chat".equals(e.store())) {
                lastMessage.put(e.stream().aggregateId(), e);
                messages.merge(e.stream().aggregateId(), 1, Integer::sum);
            }
        }
        reportedMessages.forEach((chatId, reported) -> {
            String stream = "chat-" + chatId;
            int stored = messages.getOrDefault(stream, 0);
            if (reported > stored && lastMessage.containsKey(stream)) {
                charged.merge(lastMessage.get(stream), (long) (reported - stored), Long::sum);
                if (examples.size() < 10) {
                    examples.add(stream + ": reporting counts " + reported + " messages, the store holds " + stored);
                }
            }
        });
        return charged;
    }

    /** Positions a read model recorded as applied that no stored event of the stream has (applied, not expected). */
    static Map<ReadModel, Long> phantoms(List<Ledger.Stored> events, Ledger.Applied applied) {
        Map<ReadModel, Set<String>> expected = new EnumMap<>(ReadModel.class);
        for (Ledger.Stored e : events) {
            for (ReadModel model : e.readModels()) {
                expected.computeIfAbsent(model, m -> new HashSet<>()).add(e.stream() + "#" + e.sequence());
            }
        }
        Map<ReadModel, Long> phantoms = new EnumMap<>(ReadModel.class);
        applied.ranges().forEach((model, streams) -> {
            long count = 0;
            Set<String> known = expected.getOrDefault(model, Set.of());
            for (Map.Entry<Ledger.Stream, List<long[]>> stream : streams.entrySet()) {
                for (long[] range : stream.getValue()) {
                    for (long n = range[0]; n < range[1]; n++) {
                        if (!known.contains(stream.getKey() + "#" + n)) {
                            count++;
                        }
                    }
                }
            }
            phantoms.put(model, count);
        });
        return phantoms;
    }

    static String render(String title, List<Row> rows, Totals totals) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n').append('\n');
        out.append("| component killed | stretch s | events written | ev/s |");
        for (ReadModel model : ReadModel.values()) {
            out.append(" applied: ").append(model.name).append(" |");
        }
        out.append(" lost | duplicated | redelivered (applied once) | 2xx writes (missing from store) | failed attempts seen by client | kill → restarted s | recovery s |\n");
        out.append("|---|---:|---:|---:|");
        out.append("---:|".repeat(ReadModel.values().length));
        out.append("---:|---:|---:|---|---|---:|---:|\n");
        long written = 0, lost = 0, duplicated = 0, redelivered = 0, acknowledged = 0, missing = 0, failed = 0;
        Map<ReadModel, long[]> sum = new EnumMap<>(ReadModel.class);
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %,d | %.0f |", row.segment().fault(), row.seconds(), row.written(), row.rate()));
            for (ReadModel model : ReadModel.values()) {
                long[] c = row.appliedOfRelevant().get(model);
                out.append(String.format(Locale.ROOT, " %,d / %,d |", c[0], c[1]));
                long[] s = sum.computeIfAbsent(model, m -> new long[2]);
                s[0] += c[0];
                s[1] += c[1];
            }
            CommandAudit.Outcomes o = row.outcomes();
            out.append(String.format(Locale.ROOT, " %d | %d | %d | %,d (%d) | %d (%d no answer, %d × 5xx of which %d × 503, %d × 4xx) | %s | %s |%n",
                    row.lost(), row.duplicated(), row.redelivered(), row.writes().acknowledged(), row.writes().missing(),
                    o.failed(), o.noAnswer(), o.serverErrors(), o.unavailable(), o.clientErrors(),
                    seconds(row.segment().restarted()),
                    row.segment().restarted() != null && row.segment().recovered() == null ? "not within the patience" : seconds(row.segment().recovered())));
            written += row.written();
            lost += row.lost();
            duplicated += row.duplicated();
            redelivered += row.redelivered();
            acknowledged += row.writes().acknowledged();
            missing += row.writes().missing();
            failed += o.failed();
        }
        out.append(String.format(Locale.ROOT, "| **all** | | %,d | |", written));
        for (ReadModel model : ReadModel.values()) {
            long[] s = sum.getOrDefault(model, new long[2]);
            out.append(String.format(Locale.ROOT, " %,d / %,d |", s[0], s[1]));
        }
        out.append(String.format(Locale.ROOT, " %d | %d | %d | %,d (%d) | %d | | |%n", lost, duplicated, redelivered, acknowledged, missing, failed));
        out.append('\n');
        out.append("applied, not in the store (phantoms): ").append(totals.phantoms()).append('\n');
        out.append("dead letters: before ").append(totals.deadLettersBefore()).append(", after ").append(totals.deadLettersAfter()).append('\n');
        out.append("events not seen on their topic: ").append(rows.stream().mapToLong(Row::notOnTopics).sum()).append('\n');
        out.append("Manager API vs the load's expectations: ")
                .append(totals.readModelDifferences().isEmpty() ? "all match" : totals.readModelDifferences().size() + " differences").append('\n');
        totals.readModelDifferences().stream().limit(10).forEach(d -> out.append("  ").append(d).append('\n'));
        out.append("outcomes the load could not learn (commands without an answer): ").append(totals.uncertain().size()).append('\n');
        totals.uncertain().stream().limit(10).forEach(u -> out.append("  ").append(u).append('\n'));
        totals.duplicateExamples().forEach(d -> out.append("  duplicated: ").append(d).append('\n'));
        for (Row row : rows) {
            row.writes().examples().forEach(x -> out.append("  2xx missing from the store (").append(row.segment().fault()).append("): ").append(x).append('\n'));
            if (row.writes().notAudited() > 0) {
                out.append("  ").append(row.segment().fault()).append(": ").append(row.writes().notAudited())
                        .append(" 2xx writes of kinds the audit cannot place\n");
            }
        }
        return out.toString();
    }

    private static String seconds(Duration d) {
        return d == null ? "–" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
