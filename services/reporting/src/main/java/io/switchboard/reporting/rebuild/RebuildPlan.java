package io.switchboard.reporting.rebuild;

import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.reporting.projection.BatchProjector;
import io.switchboard.reporting.projection.CallProjection;
import io.switchboard.reporting.projection.ChangedDetailsProjection;
import io.switchboard.reporting.projection.MediaProjection;
import io.switchboard.reporting.projection.ChatProjection;
import io.switchboard.reporting.projection.DirectoryProjection;
import io.switchboard.reporting.projection.OrganizationProjection;
import io.switchboard.reporting.projection.Projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rebuild of some projections creates, applies and swaps. A projection is a group of tables
 * written by one {@link Projection}. The replay records its applied positions in the shared
 * {@code consumer_applied_streams} under a private read-model name; rebuilding all projections also
 * swaps those in for the read model's ({@code positions}), a partial rebuild drops them afterwards
 * (deduplication during the replay only) and swaps just its tables. {@code changed_details} reads the
 * call rows, so rebuilding it alone replays the calls into scratch tables that are dropped afterwards.
 */
public record RebuildPlan(List<String> projections, List<Projection> apply, List<String> swapped,
                          List<String> created, boolean positions) {
    public static final Map<String, List<String>> TABLES = tables();

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("calls", List.of("calls", "call_participants", "call_transfers"));
        tables.put("chats", List.of("chats", "chat_participants"));
        tables.put("directory", List.of("agents", "team_members", "agent_status_log", "teams", "menus",
                "virtual_agents", "organizations"));
        tables.put("changed_details", List.of("changed_details"));
        tables.put("media", List.of("photos", "videos"));
        return tables;
    }

    /** The plan for the named projections; none (null or empty) means all. */
    public static RebuildPlan of(List<String> requested) {
        Set<String> names = new LinkedHashSet<>(requested == null || requested.isEmpty() ? TABLES.keySet() : requested);
        for (String name : names) {
            if (!TABLES.containsKey(name)) {
                throw new InvalidCommandException("projections", "unknown projection '" + name + "'; known: "
                        + String.join(", ", TABLES.keySet()));
            }
        }
        boolean all = names.containsAll(TABLES.keySet());
        Set<String> applied = new LinkedHashSet<>(names);
        if (applied.contains("changed_details")) {
            applied.add("calls");
        }
        List<Projection> apply = new ArrayList<>();
        for (Projection projection : BatchProjector.all()) {
            if (applied.contains(nameOf(projection))) {
                apply.add(projection);
            }
        }
        List<String> swapped = new ArrayList<>();
        names.forEach(name -> swapped.addAll(TABLES.get(name)));
        List<String> created = new ArrayList<>();
        applied.forEach(name -> created.addAll(TABLES.get(name)));
        return new RebuildPlan(List.copyOf(names), apply, swapped, created, all);
    }

    private static String nameOf(Projection projection) {
        if (projection instanceof CallProjection) {
            return "calls";
        }
        if (projection instanceof ChatProjection) {
            return "chats";
        }
        if (projection instanceof DirectoryProjection || projection instanceof OrganizationProjection) {
            return "directory";
        }
        if (projection instanceof ChangedDetailsProjection) {
            return "changed_details";
        }
        if (projection instanceof MediaProjection) {
            return "media";
        }
        throw new IllegalArgumentException("unknown projection " + projection);
    }
}
