package io.switchboard.reporting.projection;

import io.switchboard.reporting.calls.CallProjection;
import io.switchboard.reporting.changes.ChangedDetailsProjection;
import io.switchboard.reporting.chats.ChatProjection;
import io.switchboard.reporting.directory.DirectoryProjection;
import io.switchboard.reporting.directory.OrganizationProjection;
import io.switchboard.reporting.ivr.IvrProjection;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.live.feed.LiveFeedProjection;
import io.switchboard.reporting.media.MediaProjection;
import io.switchboard.reporting.messages.MessageProjection;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every read model's projection, under the name a rebuild knows it by ({@code calls}, {@code chats},
 * {@code directory}, {@code changed_details}, {@code media}, {@code chat_messages}, {@code ivr_interactions}). Their order does not matter: none reads
 * another's pending writes ({@code ProjectionConvergenceTest} applies them in reverse too). The projections
 * are plain objects without state (a batch's state lives in its {@link Projection.Applier}), shared by
 * every thread.
 */
public final class Projections {

    /** A projection and the rebuild name of its read model. */
    public record Named(String name, Projection projection) {
    }

    private static final List<Named> ALL = List.of(
            new Named("calls", new CallProjection()),
            new Named("chats", new ChatProjection()),
            new Named("directory", new DirectoryProjection()),
            new Named("directory", new OrganizationProjection()),
            new Named("changed_details", new ChangedDetailsProjection()),
            new Named("media", new MediaProjection()),
            new Named("chat_messages", new MessageProjection()),
            new Named("ivr_interactions", new IvrProjection()));

    private Projections() {
    }

    public static List<Named> named() {
        return ALL;
    }

    public static List<Projection> all() {
        return ALL.stream().map(Named::projection).toList();
    }

    /**
     * What the live loops apply: every read model's projection, then the live stream's feed (written from their
     * rows after the batch). Not a read model (no rebuild name): a rebuild's replay must not announce history as news.
     */
    public static List<Projection> live() {
        List<Projection> live = new java.util.ArrayList<>(all());
        live.add(new LiveFeedProjection());
        return List.copyOf(live);
    }

    /** Rebuild name → the tables its projections write, in a stable order. */
    public static Map<String, List<String>> tables() {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        ALL.forEach(n -> tables.computeIfAbsent(n.name(), k -> new LinkedHashSet<>()).addAll(n.projection().tables()));
        Map<String, List<String>> result = new LinkedHashMap<>();
        tables.forEach((name, set) -> result.put(name, List.copyOf(set)));
        return result;
    }

    /** The rebuild names whose tables the named ones read ({@link Projection#reads}), the named ones included. */
    public static Set<String> withWhatTheyRead(Set<String> names) {
        Set<String> result = new LinkedHashSet<>(names);
        for (Named n : ALL) {
            if (names.contains(n.name())) {
                for (String table : n.projection().reads()) {
                    ALL.stream().filter(owner -> owner.projection().tables().contains(table))
                            .forEach(owner -> result.add(owner.name()));
                }
            }
        }
        return result;
    }
}
