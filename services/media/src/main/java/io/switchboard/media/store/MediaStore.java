package io.switchboard.media.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.media.MediaEvents.PhotoAttached;
import io.switchboard.events.media.MediaEvents.VideoAttached;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.media.domain.Channel;
import io.switchboard.media.domain.MediaKind;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attached photos and videos: each is a stream of its own ({@code photo}/{@code video} + media id) whose one
 * event, {@code PhotoAttached} or {@code VideoAttached}, carries the object key; {@code media_items} lists
 * them by chat or call and is written in the same transaction.
 */
@ApplicationScoped
public class MediaStore {
    private final EventStore events;
    private final Pool pool;

    public MediaStore(EventStore events, Pool pool) {
        this.events = events;
        this.pool = pool;
    }

    /**
     * An object checked for attaching. {@code photoType} is null for videos; {@code durationSeconds} null for
     * photos and for videos whose container does not say.
     */
    public record Attach(String objectKey, String photoType, String contentType, long sizeBytes, Integer durationSeconds) {
    }

    /** An attached item. */
    public record Item(long mediaId, String objectKey) {
    }

    /**
     * Attaches the objects in one transaction, in order, and returns their items. An object attached before to
     * the same chat or call keeps its media id and gets no second event (a retried attach).
     */
    public Uni<List<Item>> attach(String partnerId, Channel channel, long channelId, String interactionUniqueId,
                                  MediaKind kind, List<Attach> objects, String attachedBy, Instant now) {
        return pool.withTransaction(tx -> {
            Uni<List<Item>> chain = Uni.createFrom().item(new ArrayList<>());
            for (Attach object : objects) {
                chain = chain.flatMap(done -> attachOne(tx, partnerId, channel, channelId, interactionUniqueId, kind, object, attachedBy, now)
                        .map(item -> {
                            done.add(item);
                            return done;
                        }));
            }
            return chain;
        });
    }

    private Uni<Item> attachOne(SqlConnection tx, String partnerId, Channel channel, long channelId,
                                String interactionUniqueId, MediaKind kind, Attach object, String attachedBy, Instant now) {
        return tx.preparedQuery("SELECT media_id, partner_id, kind, channel, channel_id FROM media_items WHERE object_key = $1")
                .execute(Tuple.of(object.objectKey()))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        boolean same = partnerId.equals(row.getString("partner_id")) && kind.singular().equals(row.getString("kind"))
                                && channel.wire().equals(row.getString("channel")) && channelId == row.getLong("channel_id");
                        if (!same) {
                            // A key names its partner, chat or call and kind (ObjectKeys), which the caller checked.
                            throw new IllegalStateException("object " + object.objectKey() + " is attached elsewhere");
                        }
                        return Uni.createFrom().item(new Item(row.getLong("media_id"), object.objectKey()));
                    }
                    return tx.query("SELECT nextval('media_id_seq')").execute()
                            .map(ids -> ids.iterator().next().getLong(0))
                            .flatMap(id -> append(tx, partnerId, channel, channelId, interactionUniqueId, kind, object, attachedBy, now, id));
                });
    }

    private Uni<Item> append(SqlConnection tx, String partnerId, Channel channel, long channelId,
                             String interactionUniqueId, MediaKind kind, Attach object, String attachedBy, Instant now, long id) {
        DomainEvent event = kind == MediaKind.PHOTO
                ? new PhotoAttached(id, channel.wire(), channelId, object.photoType(), object.objectKey(),
                        object.contentType(), object.sizeBytes(), interactionUniqueId, now)
                : new VideoAttached(id, channel.wire(), channelId, object.objectKey(), object.contentType(),
                        object.sizeBytes(), object.durationSeconds(), now);
        // Who attached it travels beside the event (its metadata), as every service records the caller.
        EventContext context = new EventContext(null, null, attachedBy == null ? Map.of() : Map.of("actor", attachedBy));
        return events.within(tx).append(partnerId, StreamId.of(kind.singular(), id), 0, List.of(event), context)
                .flatMap(appended -> tx.preparedQuery("""
                                INSERT INTO media_items (media_id, partner_id, kind, channel, channel_id, object_key,
                                                         photo_type, content_type, size_bytes, attached_by, attached_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                        .execute(Tuple.from(java.util.Arrays.asList(id, partnerId, kind.singular(), channel.wire(), channelId,
                                object.objectKey(), nullable(object.photoType()), object.contentType(), object.sizeBytes(),
                                nullable(attachedBy), now.atOffset(ZoneOffset.UTC)))))
                .map(inserted -> new Item(id, object.objectKey()));
    }

    private static Object nullable(String value) {
        return value == null ? (Object) null : value;
    }

    /** The chat's or call's items of this kind, oldest first. */
    public Uni<List<Item>> list(String partnerId, Channel channel, long channelId, MediaKind kind) {
        return pool.preparedQuery("""
                        SELECT media_id, object_key FROM media_items
                        WHERE partner_id = $1 AND channel = $2 AND channel_id = $3 AND kind = $4 ORDER BY media_id""")
                .execute(Tuple.of(partnerId, channel.wire(), channelId, kind.singular()))
                .map(rows -> {
                    List<Item> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(new Item(row.getLong("media_id"), row.getString("object_key"))));
                    return items;
                });
    }

    /** The partner's item of this kind by media id, if it exists. */
    public Uni<Optional<Item>> find(String partnerId, MediaKind kind, long mediaId) {
        return pool.preparedQuery("SELECT media_id, object_key FROM media_items WHERE partner_id = $1 AND kind = $2 AND media_id = $3")
                .execute(Tuple.of(partnerId, kind.singular(), mediaId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<Item>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Item(row.getLong("media_id"), row.getString("object_key")));
                });
    }
}
