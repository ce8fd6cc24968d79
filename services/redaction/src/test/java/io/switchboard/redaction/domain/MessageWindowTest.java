package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window and paging rules of the redacted messages API. */
class MessageWindowTest {
    private static final MessageWindow.Paging PAGING = new MessageWindow.Paging(100, 1000);
    private static final long DAY = 86_400;

    private static String field(Runnable r) {
        try {
            r.run();
            return null;
        } catch (InvalidCommandException e) {
            return e.field();
        }
    }

    @Test
    void sevenDaysExactlyIsTheLongestWindow() {
        MessageWindow w = MessageWindow.provider(1_000_000L, 1_000_000L + 7 * DAY, 0L, null, PAGING);
        assertThat(w.from()).isEqualTo(Instant.ofEpochSecond(1_000_000));
        assertThat(w.to()).isEqualTo(Instant.ofEpochSecond(1_000_000 + 7 * DAY));
        assertThat(w.limit()).isEqualTo(100);
        assertThat(w.offset()).isZero();
        assertThat(field(() -> MessageWindow.provider(1_000_000L, 1_000_001L + 7 * DAY, 0L, 0L, PAGING))).isEqualTo("end");
        assertThat(field(() -> MessageWindow.provider(1_000_000L, 999_999L, 0L, 0L, PAGING))).isEqualTo("end");
        assertThat(field(() -> MessageWindow.provider(null, 1L, 0L, 0L, PAGING))).isEqualTo("start");
        assertThat(field(() -> MessageWindow.provider(1L, null, 0L, 0L, PAGING))).isEqualTo("end");
        assertThat(field(() -> MessageWindow.provider(1_732_176_000_000L, 1_732_176_000_001L, 0L, 0L, PAGING))).isEqualTo("start");
        assertThat(field(() -> MessageWindow.provider(-1L, 1L, 0L, 0L, PAGING))).isEqualTo("start");
    }

    @Test
    void aSessionReadNeedsNoWindowAndOneEndImpliesSevenDays() {
        MessageWindow all = MessageWindow.session(null, null, null, null, PAGING);
        assertThat(all.from()).isNull();
        assertThat(all.to()).isNull();
        MessageWindow after = MessageWindow.session(10 * DAY, null, null, null, PAGING);
        assertThat(after.to()).isEqualTo(Instant.ofEpochSecond(17 * DAY));
        MessageWindow before = MessageWindow.session(null, 10 * DAY, null, null, PAGING);
        assertThat(before.from()).isEqualTo(Instant.ofEpochSecond(3 * DAY));
    }

    @Test
    void pagingIsBounded() {
        assertThat(MessageWindow.session(null, null, 1000L, 10_000_000L, PAGING).limit()).isEqualTo(1000);
        assertThat(field(() -> MessageWindow.session(null, null, 1001L, 0L, PAGING))).isEqualTo("limit");
        assertThat(field(() -> MessageWindow.session(null, null, -1L, 0L, PAGING))).isEqualTo("limit");
        assertThat(field(() -> MessageWindow.session(null, null, 1L, -1L, PAGING))).isEqualTo("offset");
        assertThat(field(() -> MessageWindow.session(null, null, 1L, 10_000_001L, PAGING))).isEqualTo("offset");
        assertThat(field(() -> MessageWindow.number("12a", "limit"))).isEqualTo("limit");
        assertThat(field(() -> MessageWindow.number("1".repeat(19), "start"))).isEqualTo("start");
        assertThat(MessageWindow.number("", "limit")).isNull();
    }
}
