package io.switchboard.interaction.history.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Photo bytes uploaded in interactions. Interim home until the media service takes them over: then
 * the photo step's {@code photoId} will name a media object instead of a row here.
 */
@ApplicationScoped
public class PhotoStore {
    private final Pool pool;

    public PhotoStore(Pool pool) {
        this.pool = pool;
    }

    public record StoredPhoto(String contentType, int width, int height, byte[] bytes) {
    }

    public Uni<Void> save(UUID photoId, String partnerId, String accountId, long interactionId, StoredPhoto photo) {
        return pool.preparedQuery("""
                        INSERT INTO interaction_photos (photo_id, partner_id, account_id, interaction_id, content_type,
                                                        width, height, bytes)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addUUID(photoId).addString(partnerId).addString(accountId).addLong(interactionId)
                        .addString(photo.contentType()).addInteger(photo.width()).addInteger(photo.height())
                        .addBuffer(Buffer.buffer(photo.bytes())))
                .replaceWithVoid();
    }

    /** Removes the bytes of a photo whose step was refused. */
    public Uni<Void> delete(UUID photoId) {
        return pool.preparedQuery("DELETE FROM interaction_photos WHERE photo_id = $1").execute(Tuple.of(photoId))
                .replaceWithVoid();
    }

    public Uni<Optional<StoredPhoto>> find(String partnerId, String accountId, UUID photoId) {
        return pool.preparedQuery("""
                        SELECT content_type, width, height, bytes FROM interaction_photos
                        WHERE photo_id = $1 AND partner_id = $2 AND account_id = $3""")
                .execute(Tuple.of(photoId, partnerId, accountId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StoredPhoto(row.getString("content_type"), row.getInteger("width"),
                            row.getInteger("height"), row.getBuffer("bytes").getBytes()));
                });
    }
}
