package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The Manager API's {@code settings/organization}: the partner's settings, or the defaults (its id as
 * the name, UTC, en) for a partner that never set them. Existing clients call it to check their
 * credentials, so it always answers for an authenticated partner.
 */
@ApplicationScoped
public class OrganizationReadModel {
    @Inject
    AgroalDataSource dataSource;

    public Map<String, Object> organization(String partner) throws SQLException {
        Map<String, Object> json = Json.object();
        json.put("id", partner);
        json.put("name", partner);
        json.put("subdomain", partner);
        json.put("time_zone", OrganizationUpdated.DEFAULT_TIME_ZONE);
        json.put("language", OrganizationUpdated.DEFAULT_LANGUAGE);
        json.put("updated_at", null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT name, time_zone, language, updated_at FROM organizations WHERE partner_id = ?")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    json.put("name", rs.getString("name"));
                    json.put("time_zone", rs.getString("time_zone"));
                    json.put("language", rs.getString("language"));
                    json.put("updated_at", Json.time(Sql.instant(rs, "updated_at")));
                }
            }
        }
        return json;
    }
}
