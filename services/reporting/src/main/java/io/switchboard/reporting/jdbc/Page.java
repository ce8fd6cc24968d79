package io.switchboard.reporting.jdbc;

import java.util.List;

/**
 * One page of a list: its rows, the total of matching rows, and for a tailing request (cursor) the
 * cursor of the next page; {@code nextCursor} is null for a numbered page.
 */
public record Page<T>(List<T> rows, long total, Long nextCursor) {
    public Page {
        rows = List.copyOf(rows);
    }

    public Page(List<T> rows, long total) {
        this(rows, total, null);
    }

    /** The same page with other rows (e.g. the rendered views of these rows, in the same order). */
    public <R> Page<R> with(List<R> rendered) {
        return new Page<>(rendered, total, nextCursor);
    }
}
