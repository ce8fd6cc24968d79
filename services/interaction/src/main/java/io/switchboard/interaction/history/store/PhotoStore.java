package io.switchboard.interaction.history.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.objectstore.ObjectStore;
import io.switchboard.objectstore.PartnerKeys;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * Photos uploaded in interactions: the bytes in the S3-compatible store (the media service's bucket, under
 * {@code <partner>/interaction/<interaction id>/photos/<photo id>}), a row here that says whose they are.
 * A photo is served only through the photo step that names it and only to its partner and account, which
 * the row answers without the store. Rows from before the store hold their bytes until
 * {@link LegacyPhotoMover} moves them.
 */
@ApplicationScoped
public class PhotoStore {
    /** The largest photo the API takes (and so the largest object read back). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private final Pool pool;
    private final ObjectStore objects;

    public PhotoStore(Pool pool, ObjectStore objects) {
        this.pool = pool;
        this.objects = objects;
    }

    public record StoredPhoto(String contentType, int width, int height, byte[] bytes) {
    }

    /** The object key of a photo: the partner's segment first, so no partner's key is inside another's prefix. */
    public static String objectKey(String partnerId, long interactionId, UUID photoId) {
        return PartnerKeys.segment(partnerId) + "/interaction/" + interactionId + "/photos/" + photoId;
    }

    /** Puts the bytes into the store, then the row; a row never names an object that is not there. */
    public Uni<Void> save(UUID photoId, String partnerId, String accountId, long interactionId, StoredPhoto photo) {
        String key = objectKey(partnerId, interactionId, photoId);
        return objects.put(key, photo.bytes(), photo.contentType())
                .flatMap(put -> pool.preparedQuery("""
                                INSERT INTO interaction_photos (photo_id, partner_id, account_id, interaction_id, content_type,
                                                                width, height, object_key)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                        .execute(Tuple.tuple().addUUID(photoId).addString(partnerId).addString(accountId)
                                .addLong(interactionId).addString(photo.contentType()).addInteger(photo.width())
                                .addInteger(photo.height()).addString(key)))
                .replaceWithVoid();
    }

    /** Removes a photo whose step was refused: its row, then its object. */
    public Uni<Void> delete(UUID photoId) {
        return pool.preparedQuery("DELETE FROM interaction_photos WHERE photo_id = $1 RETURNING object_key")
                .execute(Tuple.of(photoId))
                .flatMap(rows -> {
                    String key = rows.size() == 0 ? null : rows.iterator().next().getString("object_key");
                    return key == null ? Uni.createFrom().voidItem() : objects.remove(key);
                });
    }

    public Uni<Optional<StoredPhoto>> find(String partnerId, String accountId, UUID photoId) {
        return pool.preparedQuery("""
                        SELECT content_type, width, height, object_key, bytes FROM interaction_photos
                        WHERE photo_id = $1 AND partner_id = $2 AND account_id = $3""")
                .execute(Tuple.of(photoId, partnerId, accountId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<StoredPhoto>empty());
                    }
                    Row row = rows.iterator().next();
                    String contentType = row.getString("content_type");
                    int width = row.getInteger("width");
                    int height = row.getInteger("height");
                    if (row.getBuffer("bytes") != null) { // not moved yet
                        return Uni.createFrom().item(Optional.of(
                                new StoredPhoto(contentType, width, height, row.getBuffer("bytes").getBytes())));
                    }
                    return objects.get(row.getString("object_key"), MAX_BYTES)
                            .map(found -> found.map(object -> new StoredPhoto(contentType, width, height, object.bytes())));
                });
    }
}
