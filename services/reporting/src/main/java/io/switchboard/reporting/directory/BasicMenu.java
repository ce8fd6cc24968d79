package io.switchboard.reporting.directory;

/** The basic menu shape (docs/api/manager.md#menu-object), as calls and chats embed it. */
public record BasicMenu(long id, String name, Long parentId, boolean deleted, boolean hidden, String menuType,
                        String outputMsg) {
}
