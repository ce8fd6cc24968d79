package io.switchboard.consumer.retention;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedPurgeTest {
    private static final Instant CUT = Instant.parse("2026-01-01T00:00:00Z");

    /** A table of {@code rows} expired rows: each batch takes what is left, up to its limit. */
    private static final class Expired {
        int left;
        final List<Integer> batches = new ArrayList<>();

        Expired(int rows) {
            left = rows;
        }

        int delete(Instant before, int limit) {
            assertThat(before).isEqualTo(CUT);
            int deleted = Math.min(left, limit);
            left -= deleted;
            batches.add(deleted);
            return deleted;
        }
    }

    @Test
    void deletesInBatchesUntilABatchComesBackShort() {
        Expired table = new Expired(12);
        assertThat(BatchedPurge.drain(table::delete, CUT, 5)).isEqualTo(12);
        assertThat(table.batches).containsExactly(5, 5, 2);
        assertThat(table.left).isZero();
    }

    @Test
    void anExactMultipleNeedsOneEmptyBatchToKnowItIsDone() {
        Expired table = new Expired(10);
        assertThat(BatchedPurge.drain(table::delete, CUT, 5)).isEqualTo(10);
        assertThat(table.batches).containsExactly(5, 5, 0);
    }

    @Test
    void nothingExpiredIsOneBatch() {
        Expired table = new Expired(0);
        assertThat(BatchedPurge.drain(table::delete, CUT, 5)).isZero();
        assertThat(table.batches).containsExactly(0);
    }

    @Test
    void aBatchOfNothingIsRefused() {
        assertThatThrownBy(() -> BatchedPurge.drain(new Expired(3)::delete, CUT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStatementDeletesAtMostOneBatchOfOlderRows() {
        assertThat(BatchedPurge.deleteOlderThan("chat_messages", "sent_at")).isEqualTo(
                "DELETE FROM chat_messages WHERE ctid = ANY (ARRAY(SELECT ctid FROM chat_messages WHERE sent_at < ? LIMIT ?))");
    }
}
