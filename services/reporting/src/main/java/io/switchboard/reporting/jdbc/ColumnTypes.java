package io.switchboard.reporting.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQL type of every column of the read-model tables ({@code int8}, {@code timestamptz}, …), read
 * once from the catalog: a column travels as one array parameter that must be cast to its type. Every
 * schema holding read models (the live one, a rebuild's) is made by the same migrations, so the tables
 * on the first search path read answer for all.
 */
final class ColumnTypes {
    private static volatile Map<String, String> types;

    private ColumnTypes() {
    }

    static String of(Connection connection, String table, String column) throws SQLException {
        Map<String, String> known = types;
        if (known == null) {
            known = load(connection);
            types = known;
        }
        String type = known.get(table + "." + column);
        if (type == null) {
            types = load(connection);
            type = types.get(table + "." + column);
        }
        if (type == null) {
            throw new IllegalStateException("no column " + table + "." + column + " in the read-model schema");
        }
        return type;
    }

    private static Map<String, String> load(Connection connection) throws SQLException {
        Map<String, String> loaded = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT c.relname, a.attname, t.typname
                  FROM pg_attribute a
                  JOIN pg_class c ON c.oid = a.attrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_type t ON t.oid = a.atttypid
                 WHERE n.nspname = ANY (current_schemas(false)) AND c.relkind = 'r'
                   AND a.attnum > 0 AND NOT a.attisdropped""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                loaded.putIfAbsent(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        }
        return loaded;
    }
}
