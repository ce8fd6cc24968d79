package io.switchboard.reporting.live;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A partner's live snapshot. */
@ApplicationScoped
public class LiveSnapshots {
    private final DataSource dataSource;
    private final LiveConfig config;

    public LiveSnapshots(DataSource dataSource, LiveConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public LiveSnapshot snapshot(String partnerId) throws SQLException {
        Instant now = Clock.systemUTC().instant();
        return new LiveSnapshot(partnerId, now, new LiveSnapshot.ServiceLevelSettings(
                (int) config.serviceLevelThreshold().toSeconds(), (int) config.serviceLevelWindow().toMinutes()),
                new LiveTotals(0, 0, null, 0, 0, LiveAgentCounts.NONE, LiveServiceLevel.NONE), List.of(), List.of());
    }
}
