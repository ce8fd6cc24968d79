package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.reporting.api.ListParams;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's "Photo" and "Video": lists of their own, and the {@code photos}/{@code videos} arrays of a
 * call or chat (contract §5.4). {@code url} is null: the files are in the media service's store, which
 * does not serve downloads yet, and this service never calls another one to answer.
 */
@ApplicationScoped
public class MediaReadModel {
    public static final List<String> SORT = List.of("id", "attached_at", "channel_id");

    @Inject
    AgroalDataSource dataSource;

    public ListQuery.Page<Map<String, Object>> photos(String partner, ListParams params) throws SQLException {
        return list("photos", partner, params);
    }

    public ListQuery.Page<Map<String, Object>> videos(String partner, ListParams params) throws SQLException {
        return list("videos", partner, params);
    }

    private ListQuery.Page<Map<String, Object>> list(String table, String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", SORT);
        ListQuery query = new ListQuery(table, partner)
                .anyOf("channel", params.strings("channel"))
                .range("attached_at", params.from("attached_at"), params.to("attached_at"));
        List<Long> calls = params.ids("call_id");
        List<Long> chats = params.ids("chat_id");
        if (!calls.isEmpty() || !chats.isEmpty()) {
            query.where("((channel = 'call' AND channel_id = ANY(?)) OR (channel = 'chat' AND channel_id = ANY(?)))",
                    new Sql.Longs(calls), new Sql.Longs(chats));
        }
        return query.page(dataSource, sort, params, rs -> json(table, rs));
    }

    /** The photos or videos ({@code table}) of these calls or chats ({@code channel}), by channel id. */
    static Map<Long, List<Map<String, Object>>> of(Connection c, String table, String partner, String channel,
                                                    List<Long> ids) throws SQLException {
        Map<Long, List<Map<String, Object>>> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table
                + " WHERE partner_id = ? AND channel = ? AND channel_id = ANY(?) ORDER BY id")) {
            Sql.bind(c, s, partner, channel, new Sql.Longs(ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byId.computeIfAbsent(rs.getLong("channel_id"), k -> new ArrayList<>()).add(json(table, rs));
                }
            }
        }
        return byId;
    }

    private static Map<String, Object> json(String table, ResultSet rs) throws SQLException {
        Map<String, Object> json = Json.object();
        json.put("id", rs.getLong("id"));
        if ("photos".equals(table)) {
            json.put("photo_type", rs.getString("photo_type"));
        }
        json.put("url", null);
        json.put("channel", rs.getString("channel"));
        json.put("channel_id", rs.getLong("channel_id"));
        json.put("content_type", rs.getString("content_type"));
        json.put("size_bytes", Sql.longOrNull(rs, "size_bytes"));
        if ("videos".equals(table)) {
            json.put("duration_seconds", Sql.longOrNull(rs, "duration_seconds"));
        }
        json.put("attached_at", Json.time(Sql.instant(rs, "attached_at")));
        return json;
    }
}
