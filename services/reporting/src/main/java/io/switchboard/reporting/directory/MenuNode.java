package io.switchboard.reporting.directory;

import java.util.List;

/** A node of {@code GET /menus/tree}: the basic menu with its sub-menus. */
public record MenuNode(long id, String name, Long parentId, boolean deleted, boolean hidden, String menuType,
                       String outputMsg, List<MenuNode> children) {
}
