package io.switchboard.interaction.history;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.interaction.history.store.LegacyPhotoMover;
import io.switchboard.objectstore.ObjectStore;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.S3TestResource;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.switchboard.interaction.history.HistoryFixtures.BILLING_SCREEN;
import static io.switchboard.interaction.history.HistoryFixtures.acmeAgent;
import static io.switchboard.interaction.history.HistoryFixtures.acmeIvr;
import static io.switchboard.interaction.history.HistoryFixtures.base;
import static io.switchboard.interaction.history.HistoryFixtures.image;
import static io.switchboard.interaction.history.HistoryFixtures.newAccount;
import static io.switchboard.interaction.history.HistoryFixtures.start;
import static io.switchboard.interaction.history.HistoryFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interaction photos live in the object store, not in the database: what the upload writes where, and how
 * photos stored in the database before (migration V62) are moved and stay readable throughout.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class InteractionPhotoStorageTest {
    private static final String DEVICE_PATH = "/mnt/sdcard/i7";

    @Inject
    Pool pool;

    @Inject
    ObjectStore objects;

    @Inject
    LegacyPhotoMover mover;

    private record PhotoRow(String partnerId, long interactionId, String objectKey, byte[] bytes) {
    }

    private PhotoRow row(String account) {
        Row row = pool.preparedQuery("SELECT partner_id, interaction_id, object_key, bytes FROM interaction_photos WHERE account_id = $1")
                .execute(Tuple.of(account)).await().indefinitely().iterator().next();
        Buffer bytes = row.getBuffer("bytes");
        return new PhotoRow(row.getString("partner_id"), row.getLong("interaction_id"), row.getString("object_key"),
                bytes == null ? null : bytes.getBytes());
    }

    private String photographed(String account, byte[] png) {
        String uid = start(account);
        step(account, uid, BILLING_SCREEN);
        acmeIvr().contentType("image/png").body(png)
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt").queryParam("img_path", DEVICE_PATH)
                .when().post(base(account) + "/interactions/" + uid + "/photos").then().statusCode(201);
        return uid;
    }

    private byte[] read(String account, String uid) {
        return acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "1000")
                .when().get(base(account) + "/photo/" + uid + "/" + DEVICE_PATH.replace("/", "%252F"))
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
    }

    private Optional<ObjectStore.StoredObject> stored(String key) {
        return objects.get(key, 10 * 1024 * 1024).await().indefinitely();
    }

    @Test
    void anUploadedPhotoIsAnObjectUnderItsPartnersPrefixAndTheDatabaseKeepsNoBytes() {
        String account = newAccount();
        byte[] png = image(64, 32, "png");
        String uid = photographed(account, png);

        PhotoRow row = row(account);
        assertThat(row.bytes()).isNull();
        assertThat(row.objectKey()).matches("acme/interaction/" + row.interactionId() + "/photos/[0-9a-f-]{36}");
        ObjectStore.StoredObject object = stored(row.objectKey()).orElseThrow();
        assertThat(object.bytes()).isEqualTo(png);
        assertThat(object.contentType()).isEqualTo("image/png");
        // Not scaled (it fits 1000 px): the very bytes uploaded, read back through the seed-003 path.
        assertThat(read(account, uid)).isEqualTo(png);
    }

    @Test
    void photosStoredInTheDatabaseBeforeAreServedThenMovedIntoTheStore() {
        String account = newAccount();
        byte[] png = image(48, 48, "png");
        String uid = photographed(account, png);
        PhotoRow uploaded = row(account);
        // As a row written before V62: its bytes here, no object.
        objects.remove(uploaded.objectKey()).await().indefinitely();
        pool.preparedQuery("UPDATE interaction_photos SET bytes = $2, object_key = NULL WHERE account_id = $1")
                .execute(Tuple.tuple().addString(account).addBuffer(Buffer.buffer(png))).await().indefinitely();
        assertThat(stored(uploaded.objectKey())).isEmpty();
        assertThat(read(account, uid)).isEqualTo(png);

        int moved = mover.moveAll().await().indefinitely();

        assertThat(moved).isGreaterThanOrEqualTo(1);
        PhotoRow after = row(account);
        assertThat(after.bytes()).isNull();
        assertThat(after.objectKey()).isEqualTo(uploaded.objectKey());
        assertThat(stored(after.objectKey()).orElseThrow().bytes()).isEqualTo(png);
        assertThat(read(account, uid)).isEqualTo(png);
        assertThat(pool.query("SELECT count(*) FROM interaction_photos WHERE bytes IS NOT NULL").execute()
                .await().indefinitely().iterator().next().getLong(0)).isZero();
    }

    @Test
    void aRowNeverLosesBothItsBytesAndItsKey() {
        String account = newAccount();
        photographed(account, image(8, 8, "png"));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                pool.preparedQuery("UPDATE interaction_photos SET object_key = NULL WHERE account_id = $1")
                        .execute(Tuple.of(account)).await().indefinitely()).getMessage())
                .contains("interaction_photos_bytes_or_key");
    }
}
