package io.switchboard.reporting.dataapi.dimensions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One partner's team or menu tree as the directory events built it ({@code parentId}): a node's parent, its
 * children (by id), and its path from its root. The stored parents are whatever the events said, so a parent not
 * projected (yet) makes a root, and a cycle is cut where it closes: the path never repeats a node.
 */
public final class Hierarchy<T extends Dimensions.Node> {
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final Map<String, List<T>> children = new LinkedHashMap<>();

    public Hierarchy(Collection<T> nodes) {
        List<T> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing((T n) -> Long.parseLong(n.id())));
        sorted.forEach(n -> byId.put(n.id(), n));
        for (T node : sorted) {
            if (node.parentId() != null && byId.containsKey(node.parentId()) && !node.parentId().equals(node.id())) {
                children.computeIfAbsent(node.parentId(), k -> new ArrayList<>()).add(node);
            }
        }
    }

    /** The node's parent, null for a root (or a parent not projected). */
    public T parent(T node) {
        return node.parentId() == null || node.parentId().equals(node.id()) ? null : byId.get(node.parentId());
    }

    public List<T> children(T node) {
        return children.getOrDefault(node.id(), List.of());
    }

    /** From the root down to the node itself; a cycle ends the walk before it repeats a node. */
    public List<T> path(T node) {
        List<T> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (T current = byId.getOrDefault(node.id(), node); current != null && seen.add(current.id());
             current = parent(current)) {
            path.add(0, current);
        }
        return path;
    }
}
