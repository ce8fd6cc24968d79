package io.switchboard.reporting.media;

import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Photos and videos: lists of their own, and the {@code photos}/{@code videos} arrays of calls and chats. */
@ApplicationScoped
public class MediaQueries {
    public static final List<String> SORT = List.of("id", "attached_at", "channel_id");

    private final DataSource dataSource;

    public MediaQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Photo> photos(String partner, ListParams params) throws SQLException {
        return list("photos", partner, params, MediaQueries::photo);
    }

    public Page<Video> videos(String partner, ListParams params) throws SQLException {
        return list("videos", partner, params, MediaQueries::video);
    }

    private <T> Page<T> list(String table, String partner, ListParams params, ListQuery.RowMapper<T> mapper)
            throws SQLException {
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
        return query.page(dataSource, sort, params, mapper);
    }

    /** The photos of these calls or chats ({@code channel}), by channel id. */
    public static Map<Long, List<Photo>> photosOf(Connection c, String partner, String channel, List<Long> ids)
            throws SQLException {
        return of(c, "photos", partner, channel, ids, MediaQueries::photo);
    }

    /** The videos of these calls or chats ({@code channel}), by channel id. */
    public static Map<Long, List<Video>> videosOf(Connection c, String partner, String channel, List<Long> ids)
            throws SQLException {
        return of(c, "videos", partner, channel, ids, MediaQueries::video);
    }

    private static <T> Map<Long, List<T>> of(Connection c, String table, String partner, String channel, List<Long> ids,
                                            ListQuery.RowMapper<T> mapper) throws SQLException {
        Map<Long, List<T>> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table
                + " WHERE partner_id = ? AND channel = ? AND channel_id = ANY(?) ORDER BY id")) {
            Sql.bind(c, s, partner, channel, new Sql.Longs(ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byId.computeIfAbsent(rs.getLong("channel_id"), k -> new ArrayList<>()).add(mapper.map(rs));
                }
            }
        }
        return byId;
    }

    private static Photo photo(ResultSet rs) throws SQLException {
        return new Photo(rs.getLong("id"), rs.getString("photo_type"), Photo.downloadPath(rs.getLong("id")), rs.getString("channel"),
                rs.getLong("channel_id"), rs.getString("content_type"), Sql.longOrNull(rs, "size_bytes"),
                Sql.instant(rs, "attached_at"));
    }

    private static Video video(ResultSet rs) throws SQLException {
        return new Video(rs.getLong("id"), Video.downloadPath(rs.getLong("id")), rs.getString("channel"), rs.getLong("channel_id"),
                rs.getString("content_type"), Sql.longOrNull(rs, "size_bytes"), Sql.longOrNull(rs, "duration_seconds"),
                Sql.instant(rs, "attached_at"));
    }
}
