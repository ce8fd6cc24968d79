package io.switchboard.reporting;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How many events of a partner the reporting read model has applied (its positions in consumer_applied_streams). */
public final class AppliedEvents {
    private AppliedEvents() {
    }

    public static long count(DataSource dataSource, String partner) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(upper(r) - lower(r)), 0) FROM consumer_applied_streams,"
                     + " unnest(sequences) r WHERE partner_id = ? AND read_model = 'reporting'")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
