package io.switchboard.reporting.directory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UserStatusesTest {

    @Test
    void statusNamesMatchTheDefaultsWhateverTheirSpelling() {
        assertEquals(-6, UserStatuses.byName("wrap_up").id());
        assertEquals(-6, UserStatuses.byName("Wrap-up").id());
        assertEquals(-3, UserStatuses.byName("SPECIAL TASK").id());
        assertEquals(0, UserStatuses.byName("available").id());
        assertEquals(36, UserStatuses.byName("offline").wfmId());
    }

    @Test
    void anUnknownNameIsACustomStatusWithoutId() {
        UserStatuses.UserStatus status = UserStatuses.byName("Coaching");

        assertNull(status.id());
        assertEquals("Coaching", status.name());
        assertNull(UserStatuses.byName(null));
    }
}
