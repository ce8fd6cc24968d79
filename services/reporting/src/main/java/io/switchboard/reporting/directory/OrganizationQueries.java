package io.switchboard.reporting.directory;

import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The Manager API's {@code settings/organization}: the partner's settings, or the defaults (its id as
 * the name, UTC, en) for a partner that never set them. Existing clients call it to check their
 * credentials, so it always answers for an authenticated partner.
 */
@ApplicationScoped
public class OrganizationQueries {
    private final DataSource dataSource;

    public OrganizationQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Organization organization(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT name, time_zone, language, updated_at FROM organizations WHERE partner_id = ?")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Organization(partner, rs.getString("name"), partner, rs.getString("time_zone"),
                            rs.getString("language"), Sql.instant(rs, "updated_at"));
                }
            }
        }
        return new Organization(partner, partner, partner, OrganizationUpdated.DEFAULT_TIME_ZONE,
                OrganizationUpdated.DEFAULT_LANGUAGE, null);
    }
}
