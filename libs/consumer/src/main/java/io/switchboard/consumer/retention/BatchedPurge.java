package io.switchboard.consumer.retention;

import java.time.Instant;

/**
 * A read model's retention purge: deletes the rows older than a cut-off in batches of {@code limit} rows,
 * one short statement each, until a batch comes back short. A year's backlog (the first purge after a
 * deployment, or after the retention was shortened) then never becomes one statement that locks millions of
 * rows, or one long transaction, while the consumers write to the same table.
 */
public final class BatchedPurge {

    /** Deletes at most {@code limit} rows older than {@code before}; returns how many it deleted. */
    @FunctionalInterface
    public interface Batch<E extends Exception> {
        int delete(Instant before, int limit) throws E;
    }

    private BatchedPurge() {
    }

    /** Runs {@code batch} until it deletes fewer than {@code limit} rows; returns the rows deleted in all. */
    public static <E extends Exception> long drain(Batch<E> batch, Instant before, int limit) throws E {
        if (limit <= 0) {
            throw new IllegalArgumentException("a purge batch must delete at least one row, not " + limit);
        }
        long total = 0;
        for (int deleted = limit; deleted == limit; ) {
            deleted = batch.delete(before, limit);
            total += deleted;
        }
        return total;
    }

    /**
     * The statement of one batch on {@code table}: its rows whose {@code timeColumn} is before the first
     * parameter, at most the second parameter of them ({@code ?} placeholders: JDBC). By {@code ctid}, so the
     * table needs no key for it, and an index on {@code timeColumn} makes each batch cheap.
     */
    public static String deleteOlderThan(String table, String timeColumn) {
        return "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                + timeColumn + " < ? LIMIT ?))";
    }
}
