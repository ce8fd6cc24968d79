package io.switchboard.e2e.faults;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's side of a fault: what every attempt was answered, and whether every command answered 2xx
 * left its event in the event store. A command refused or unanswered during an outage is fine — the
 * client knew; a 2xx whose event is missing is a lost write. Each write kind of the load names the stream
 * and the event type its success appends (a call step its {@code Call…} event, a chat message its
 * {@code MessageSent}, …); per stream and type, the 2xx answers may not outnumber the stored events.
 */
final class CommandAudit {
    private static final Pattern CALL_PATH = Pattern.compile("/apps/api/v1/calls/(\\d+)/events/([a-z_]+)");
    private static final Pattern CHAT_PATH = Pattern.compile("/apps/api/v1/chats/(\\d+)");
    private static final Pattern FIRST_ID = Pattern.compile("\"(?:id|agent_id)\"\\s*:\\s*(\\d+)");
    private static final Map<String, String> CALL_STEPS = Map.of(
            "queued", "CallQueued", "connecting", "CallConnecting", "connected", "CallConnected", "hold", "CallHeld",
            "resume", "CallResumed", "transfer", "TransferStarted", "participant_joined", "ParticipantJoined",
            "participant_left", "ParticipantLeft", "ended", "CallEnded");

    /** Attempts by outcome: {@code 2xx}, {@code 4xx}, {@code 5xx}, {@code no answer} (connection refused, reset, timed out). */
    record Outcomes(long ok, long clientErrors, long serverErrors, long unavailable, long noAnswer) {
        long failed() {
            return clientErrors + serverErrors + noAnswer;
        }

        @Override
        public String toString() {
            return ok + " 2xx, " + noAnswer + " no answer, " + serverErrors + " 5xx (" + unavailable + " × 503), "
                    + clientErrors + " 4xx";
        }
    }

    /** Writes answered 2xx, those whose event is missing from the store, and 2xx writes of kinds this audit cannot place. */
    record Writes(long acknowledged, long missing, long notAudited, List<String> examples) {
    }

    private CommandAudit() {
    }

    /** Outcomes of the write attempts sent in [from, to). */
    static Outcomes outcomes(List<Load.Attempt> attempts, Instant from, Instant to) {
        long ok = 0, client = 0, server = 0, unavailable = 0, none = 0;
        for (Load.Attempt a : attempts) {
            if (!a.writes() || a.sentAt().isBefore(from) || !a.sentAt().isBefore(to)) {
                continue;
            }
            if (a.status() == -1) {
                none++;
            } else if (a.ok()) {
                ok++;
            } else if (a.status() >= 500) {
                server++;
                if (a.status() == 503) {
                    unavailable++;
                }
            } else {
                client++;
            }
        }
        return new Outcomes(ok, client, server, unavailable, none);
    }

    /** Per stream and event type, 2xx writes sent in [from, to) against the events of that type the store holds. */
    static Writes writes(List<Load.Attempt> attempts, List<Ledger.Stored> events, Instant from, Instant to) {
        Map<String, Long> stored = new HashMap<>();
        for (Ledger.Stored e : events) {
            stored.merge(e.stream().partnerId() + " " + e.stream().aggregateId() + " " + e.type(), 1L, Long::sum);
        }
        Map<String, Long> acknowledged = new TreeMap<>();
        long count = 0, notAudited = 0;
        for (Load.Attempt a : attempts) {
            if (!a.writes() || !a.ok() || a.sentAt().isBefore(from) || !a.sentAt().isBefore(to)) {
                continue;
            }
            count++;
            String key = expectedEvent(a);
            if (key == null) {
                notAudited++;
            } else {
                acknowledged.merge(a.partnerId() + " " + key, 1L, Long::sum);
            }
        }
        long missing = 0;
        List<String> examples = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            long short_ = e.getValue() - stored.getOrDefault(e.getKey(), 0L);
            if (short_ > 0) {
                missing += short_;
                if (examples.size() < 10) {
                    examples.add(e.getKey() + ": " + e.getValue() + " × 2xx, " + stored.getOrDefault(e.getKey(), 0L) + " stored");
                }
            }
        }
        return new Writes(count, missing, notAudited, examples);
    }

    /** "{@code <aggregate id> <event type>}" that a 2xx of this attempt appended, or null for a kind it cannot place. */
    static String expectedEvent(Load.Attempt a) {
        String path = a.uri().substring(a.uri().indexOf(' ') + 1);
        switch (a.kind()) {
            case "call.create" -> {
                return id(a.response()) == null ? null : "call-" + id(a.response()) + " CallCreated";
            }
            case "chat.create" -> {
                return id(a.response()) == null ? null : "chat-" + id(a.response()) + " ChatCreated";
            }
            case "agent.status" -> {
                return id(a.response()) == null ? null : "agent-" + id(a.response()) + " AgentStatusChanged";
            }
            case "chat.message", "chat.escalate", "chat.finish" -> {
                Matcher m = CHAT_PATH.matcher(path);
                String type = switch (a.kind()) {
                    case "chat.message" -> "MessageSent";
                    case "chat.escalate" -> "EscalationRequested";
                    default -> "ChatFinished";
                };
                return m.find() ? "chat-" + m.group(1) + " " + type : null;
            }
            default -> {
                Matcher m = CALL_PATH.matcher(path);
                if (a.kind().startsWith("call.") && m.find() && CALL_STEPS.containsKey(m.group(2))) {
                    return "call-" + m.group(1) + " " + CALL_STEPS.get(m.group(2));
                }
                return null;
            }
        }
    }

    /** The answer's own id: the first {@code id} (or {@code agent_id}) member, which the services write first. */
    private static String id(String response) {
        if (response == null) {
            return null;
        }
        Matcher m = FIRST_ID.matcher(response);
        return m.find() ? m.group(1) : null;
    }
}
