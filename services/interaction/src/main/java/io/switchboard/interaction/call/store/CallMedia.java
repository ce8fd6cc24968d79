package io.switchboard.interaction.call.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The photos and videos attached to calls, as the media service announced them ({@code call_media}). */
@ApplicationScoped
public class CallMedia {
    /** The read model's tables: a rebuild empties them and replays the topic. */
    public static final String[] TABLES = {"call_media"};

    /** An attached item: {@code kind} is {@code photo} or {@code video}; {@code photoType} null for videos. */
    public record Item(long mediaId, String kind, String photoType) {
    }

    private final Pool pool;

    public CallMedia(Pool pool) {
        this.pool = pool;
    }

    /** The call's photos and videos, in the order they were attached. */
    public Uni<List<Item>> of(String partnerId, long callId) {
        return pool.preparedQuery("""
                        SELECT media_id, kind, photo_type FROM call_media WHERE partner_id = $1 AND call_id = $2
                        ORDER BY attached_at, media_id""")
                .execute(Tuple.of(partnerId, callId))
                .map(rows -> {
                    List<Item> items = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        items.add(new Item(row.getLong("media_id"), row.getString("kind"), row.getString("photo_type")));
                    }
                    return items;
                });
    }

    public static Uni<Void> record(SqlClient transaction, String partnerId, long callId, long mediaId, String kind,
                                   String photoType, Instant attachedAt) {
        return transaction.preparedQuery("""
                        INSERT INTO call_media (media_id, kind, partner_id, call_id, photo_type, attached_at)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, media_id) DO NOTHING""")
                .execute(Tuple.tuple(List.of(mediaId, kind, partnerId, callId)).addString(photoType)
                        .addOffsetDateTime(attachedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
