package io.switchboard.reporting.rebuild;

import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.projection.Projections;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rebuild of some projections creates, applies and swaps. A projection is a group of tables
 * written by the read model of that name ({@link Projections}). The replay records its applied positions in
 * the shared {@code consumer_applied_streams} under a private read-model name; rebuilding all projections
 * also swaps those in for the read model's ({@code positions}), a partial rebuild drops them afterwards
 * (deduplication during the replay only) and swaps just its tables. A projection that reads another's rows
 * ({@link Projection#reads}: {@code changed_details} reads the calls) replays that one too, into scratch
 * tables that are dropped afterwards.
 */
public record RebuildPlan(List<String> projections, List<Projection> apply, List<String> swapped,
                          List<String> created, boolean positions) {
    public static final Map<String, List<String>> TABLES = Projections.tables();

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
        Set<String> applied = Projections.withWhatTheyRead(names);
        List<Projection> apply = new ArrayList<>();
        for (Projections.Named named : Projections.named()) {
            if (applied.contains(named.name())) {
                apply.add(named.projection());
            }
        }
        List<String> swapped = new ArrayList<>();
        names.forEach(name -> swapped.addAll(TABLES.get(name)));
        List<String> created = new ArrayList<>();
        applied.forEach(name -> created.addAll(TABLES.get(name)));
        return new RebuildPlan(List.copyOf(names), apply, swapped, created, all);
    }
}
