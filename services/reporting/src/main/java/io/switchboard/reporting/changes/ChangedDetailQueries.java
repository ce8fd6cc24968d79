package io.switchboard.reporting.changes;

import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /changed_details}: every changed field, by default oldest first. */
@ApplicationScoped
public class ChangedDetailQueries {
    public static final List<String> SORT = List.of("id", "changed_at", "entity_type", "entity_id", "field");

    private final DataSource dataSource;

    public ChangedDetailQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<ChangedDetail> list(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("changed_at", SORT);
        ListQuery query = new ListQuery("changed_details", partner)
                .range("changed_at", params.from("changed_at"), params.to("changed_at"))
                .anyOf("entity_type", params.strings("entity_type"))
                .anyOfIds("entity_id", params.ids("entity_id"))
                .anyOf("field", params.strings("field"));
        return query.page(dataSource, sort, params, rs -> new ChangedDetail(rs.getLong("id"),
                rs.getString("entity_type"), rs.getLong("entity_id"), rs.getString("field"),
                rs.getString("former_value"), rs.getString("new_value"), Sql.instant(rs, "changed_at"),
                Sql.longOrNull(rs, "changed_by")));
    }
}
