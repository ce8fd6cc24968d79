package io.switchboard.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every command attempt of a run, in memory and (optionally) as JSON lines in a file. */
public final class CommandLog implements AutoCloseable {
    private final List<CommandRecord> records = new ArrayList<>();
    private final BufferedWriter file;

    CommandLog(Path file) {
        try {
            this.file = file == null ? null : Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the command log " + file, e);
        }
    }

    synchronized void add(CommandRecord record) {
        records.add(record);
        if (file != null) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seq", record.seq());
            line.put("kind", record.kind());
            line.put("partner", record.partnerId());
            line.put("as", record.credential());
            line.put("method", record.method());
            line.put("uri", record.uri());
            line.put("request", record.requestBody());
            line.put("status", record.status());
            line.put("response", record.responseBody());
            line.put("sent_at", record.sentAt().toString());
            line.put("micros", record.micros());
            line.put("attempt", record.attempt());
            line.put("error", record.error());
            try {
                file.write(Json.write(line));
                file.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A copy of the records so far. */
    public synchronized List<CommandRecord> records() {
        return List.copyOf(records);
    }

    public synchronized int size() {
        return records.size();
    }

    /** Attempts per kind and status, e.g. {@code call.hold → {200=812, 429=3}}. */
    public synchronized Map<String, Map<Integer, Long>> statusesByKind() {
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        for (CommandRecord r : records) {
            counts.computeIfAbsent(r.kind(), k -> new TreeMap<>()).merge(r.status(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
