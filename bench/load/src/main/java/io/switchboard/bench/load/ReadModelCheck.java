package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a run's {@link Expectations} with what the Manager API (the reporting service's read models)
 * shows, as each partner's supervisor reads it: per call its status, participants, transfers, hold
 * duration and agent; per chat its status, message count, participants (hand-overs) and agent; per agent
 * its current status.
 */
public final class ReadModelCheck {
    private static final int IDS_PER_READ = 100;
    private final Rest rest;
    private final Map<String, Partner> partners;

    /** One difference: {@code type} call, chat or agent; {@code actual} "absent" when the row is missing. */
    public record Mismatch(String partnerId, String type, long id, String field, String expected, String actual) {
        @Override
        public String toString() {
            return type + " " + id + " of " + partnerId + ": " + field + " expected " + expected + ", Manager API shows " + actual;
        }
    }

    ReadModelCheck(Rest rest, List<Partner> partners) {
        this.rest = rest;
        this.partners = partners.stream().collect(Collectors.toMap(Partner::id, Function.identity()));
    }

    /** Compares until nothing differs or {@code patience} has passed; returns the differences of the last comparison. */
    public List<Mismatch> await(Expectations expected, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<Mismatch> differences = compare(expected);
            if (differences.isEmpty() || System.nanoTime() > deadline) {
                return differences;
            }
            Thread.sleep(1000);
        }
    }

    /** One comparison of every expectation. */
    public List<Mismatch> compare(Expectations expected) {
        List<Mismatch> differences = new ArrayList<>();
        Map<String, List<Expectations.Call>> calls = expected.calls().stream().collect(Collectors.groupingBy(Expectations.Call::partnerId));
        calls.forEach((partnerId, list) -> {
            Map<Long, JsonNode> rows = read(partnerId, "calls", list.stream().map(Expectations.Call::id).toList());
            for (Expectations.Call call : list) {
                JsonNode row = rows.get(call.id());
                if (row == null) {
                    differences.add(new Mismatch(partnerId, "call", call.id(), "row", "present", "absent"));
                    continue;
                }
                compare(differences, partnerId, "call", call.id(), "status", call.status(), row.path("status").asText());
                compare(differences, partnerId, "call", call.id(), "participants", call.participants(), row.path("participants").size());
                compare(differences, partnerId, "call", call.id(), "transfers", call.transfers(), row.path("transfers").size());
                compare(differences, partnerId, "call", call.id(), "hold_duration", call.holdSeconds(), row.path("hold_duration").asInt());
                compare(differences, partnerId, "call", call.id(), "agent_info.id", call.agentId(), idOrNull(row.path("agent_info").path("id")));
            }
        });
        Map<String, List<Expectations.Chat>> chats = expected.chats().stream().collect(Collectors.groupingBy(Expectations.Chat::partnerId));
        chats.forEach((partnerId, list) -> {
            Map<Long, JsonNode> rows = read(partnerId, "chats", list.stream().map(Expectations.Chat::id).toList());
            for (Expectations.Chat chat : list) {
                JsonNode row = rows.get(chat.id());
                if (row == null) {
                    differences.add(new Mismatch(partnerId, "chat", chat.id(), "row", "present", "absent"));
                    continue;
                }
                compare(differences, partnerId, "chat", chat.id(), "status", chat.status(), row.path("status").asText());
                compare(differences, partnerId, "chat", chat.id(), "message_count", chat.messages(), row.path("message_count").asInt());
                compare(differences, partnerId, "chat", chat.id(), "participants", chat.handOvers(), row.path("participants").size());
                compare(differences, partnerId, "chat", chat.id(), "agent_info.id", chat.agentId(), idOrNull(row.path("agent_info").path("id")));
            }
        });
        Map<String, List<Expectations.AgentStatus>> agents = expected.agents().stream()
                .collect(Collectors.groupingBy(Expectations.AgentStatus::partnerId));
        agents.forEach((partnerId, list) -> {
            Map<Long, JsonNode> rows = read(partnerId, "agents", list.stream().map(Expectations.AgentStatus::id).toList());
            for (Expectations.AgentStatus agent : list) {
                JsonNode row = rows.get(agent.id());
                if (row == null) {
                    differences.add(new Mismatch(partnerId, "agent", agent.id(), "row", "present", "absent"));
                    continue;
                }
                compare(differences, partnerId, "agent", agent.id(), "status", normalized(agent.status()),
                        normalized(row.path("status").path("name").asText()));
            }
        });
        return differences;
    }

    /** Status names compared as the Manager API matches them: case, spaces, '-' and '_' ignored. */
    static String normalized(String status) {
        return status.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    private static Long idOrNull(JsonNode id) {
        return id.isNumber() ? id.asLong() : null;
    }

    private static void compare(List<Mismatch> differences, String partnerId, String type, long id, String field,
                                Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(new Mismatch(partnerId, type, id, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    private Map<Long, JsonNode> read(String partnerId, String list, List<Long> ids) {
        Partner partner = partners.get(partnerId);
        if (partner == null) {
            throw new IllegalArgumentException("not a partner of this contact center: " + partnerId);
        }
        Map<Long, JsonNode> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            String query = chunk.stream().map(String::valueOf).collect(Collectors.joining(","));
            Rest.Response page = rest.send("reporting", "GET", "/manager/api/v1/" + list + "?per=1000&id%5B%5D=" + query, null,
                    partner.supervisor());
            if (page.status() != 200) {
                continue; // counted as absent: the next comparison reads again
            }
            for (JsonNode row : page.json()) {
                rows.put(row.path("id").asLong(), row);
            }
        }
        return rows;
    }

    /** Differences counted per type and field, e.g. {@code call.status → 3}. */
    public static Map<String, Integer> summary(List<Mismatch> differences) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        differences.forEach(d -> counts.merge(d.type() + "." + d.field(), 1, Integer::sum));
        return counts;
    }
}
