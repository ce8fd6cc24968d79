package io.switchboard.reporting.directory;

/**
 * The menu path (docs/api/manager.md#call-nested-objects): the names and ids from the root down to the
 * selected menu, e.g. {@code Support / Billing} and {@code 31/32}.
 */
public record MenuPath(int itemsCount, String name, String materializedPath) {
}
