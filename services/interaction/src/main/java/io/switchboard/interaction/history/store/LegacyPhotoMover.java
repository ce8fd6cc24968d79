package io.switchboard.interaction.history.store;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.switchboard.objectstore.ObjectStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Moves photo bytes that were stored in the database before the object store (migration V62) into the store,
 * once, at start-up and in the background: a batch of rows is locked ({@code SKIP LOCKED}, so several instances
 * share the work), each photo put under its key, then the rows keep only the key. Put is idempotent (same key,
 * same bytes), so a batch interrupted half-way is simply done again. Until a row is moved it is served from
 * its bytes ({@link PhotoStore#find}). A store that is down is retried with back-off until it answers.
 */
@ApplicationScoped
public class LegacyPhotoMover {
    private static final Logger LOG = Logger.getLogger(LegacyPhotoMover.class);
    static final int BATCH = 20;

    private final Pool pool;
    private final ObjectStore objects;
    private volatile Cancellable running;

    public LegacyPhotoMover(Pool pool, ObjectStore objects) {
        this.pool = pool;
        this.objects = objects;
    }

    void start(@Observes StartupEvent startup) {
        running = moveAll()
                .onFailure().invoke(failure -> LOG.warnf("moving interaction photos into the object store failed (%s);"
                        + " retrying", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofMinutes(1)).indefinitely()
                .subscribe().with(moved -> {
                    if (moved > 0) {
                        LOG.infof("moved %d interaction photo(s) from the database into the object store", moved);
                    }
                }, failure -> LOG.error("moving interaction photos into the object store stopped", failure));
    }

    /** Moves every photo that still has its bytes here; the number moved. */
    public Uni<Integer> moveAll() {
        return Multi.createBy().repeating().uni(this::moveBatch).whilst(moved -> moved == BATCH)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> moveBatch() {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT photo_id, partner_id, interaction_id, content_type, bytes FROM interaction_photos
                        WHERE bytes IS NOT NULL ORDER BY photo_id LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    List<Uni<Void>> puts = new ArrayList<>();
                    List<Tuple> moved = new ArrayList<>();
                    for (Row row : rows) {
                        UUID photoId = row.getUUID("photo_id");
                        String key = PhotoStore.objectKey(row.getString("partner_id"), row.getLong("interaction_id"), photoId);
                        puts.add(objects.put(key, row.getBuffer("bytes").getBytes(), row.getString("content_type")));
                        moved.add(Tuple.of(photoId, key));
                    }
                    if (moved.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(puts).andFailFast()
                            .flatMap(done -> tx.preparedQuery(
                                            "UPDATE interaction_photos SET object_key = $2, bytes = NULL WHERE photo_id = $1")
                                    .executeBatch(moved))
                            .replaceWith(moved.size());
                }));
    }

    @PreDestroy
    void stop() {
        Cancellable current = running;
        if (current != null) {
            current.cancel();
        }
    }
}
