package io.switchboard.media;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.objectstore.ObjectStore;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealS3;
import io.switchboard.testing.S3TestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.media.MediaFixtures.count;
import static io.switchboard.media.MediaFixtures.form;
import static io.switchboard.media.MediaFixtures.token;
import static io.switchboard.media.MediaFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The photo and video endpoints of chats and calls against a real s3proxy: the form a browser posts, the
 * attach that checks what was uploaded, the lists with pre-signed downloads, and partner scoping.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "media"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class MediaApiTest {
    private static final List<String> SEED_FIELDS = List.of("key", "success_action_status", "Content-Type",
            "Cache-Control", "acl", "policy", "x-amz-credential", "x-amz-algorithm", "x-amz-date", "x-amz-signature");

    @Inject
    Pool pool;
    @Inject
    ObjectStore objects;

    @Test
    void theUploadFormHasTheSeedsFieldsAndAPolicyBindingKeyTypeAndSize() {
        long chat = MediaFixtures.chat("acme");
        JsonPath form = form("acme", "chats", chat, "photos", null);
        Map<String, String> fields = form.getMap("fields");
        assertThat(fields.keySet()).containsExactlyElementsOf(SEED_FIELDS);
        assertThat(form.getString("url")).isEqualTo(RealS3.shared().endpoint() + "/" + RealS3.shared().bucket());
        assertThat(fields.get("key")).matches("acme/chat/" + chat + "/photos/[0-9a-f-]{36}");
        assertThat(fields.get("Content-Type")).isEqualTo("image/jpeg");
        assertThat(fields.get("x-amz-algorithm")).isEqualTo("AWS4-HMAC-SHA256");
        assertThat(fields.get("x-amz-credential")).startsWith(RealS3.shared().accessKey() + "/");
        String policy = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
        assertThat(policy).contains("[\"eq\",\"$key\",\"" + fields.get("key") + "\"]")
                .contains("[\"eq\",\"$Content-Type\",\"image/jpeg\"]")
                .contains("[\"content-length-range\",1,20971520]")
                .contains("\"expiration\"");
        assertThat(form("acme", "chats", chat, "photos", "image/png").getString("fields.Content-Type")).isEqualTo("image/png");
        JsonPath video = form("acme", "chats", chat, "videos", null);
        assertThat(video.getString("fields.key")).matches("acme/chat/" + chat + "/videos/[0-9a-f-]{36}");
        assertThat(video.getString("fields.Content-Type")).isEqualTo("video/mp4");
        assertThat(new String(Base64.getDecoder().decode(video.getString("fields.policy")), StandardCharsets.UTF_8))
                .contains("[\"content-length-range\",1,209715200]");
        assertThat(fields.get("key")).isNotEqualTo(form("acme", "chats", chat, "photos", null).getString("fields.key"));
    }

    @Test
    void aBrowserUploadIsAttachedListedAndDownloadsTheSameBytes() {
        long chat = MediaFixtures.chat("acme");
        byte[] png = TestMedia.png(16, 9);
        String key = upload("acme", "chats", chat, "photos", "image/png", png);

        JsonPath attached = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", key, "photo_type", "photo"))))
                .post("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).body("url", startsWith(RealS3.shared().endpoint())).extract().jsonPath();
        long mediaId = attached.getLong("media_id");
        HttpResponse<byte[]> download = BrowserForm.get(attached.getString("url"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);

        JsonPath listed = given().auth().oauth2(token("acme")).get("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).body("media_id", equalTo(List.of((int) mediaId))).extract().jsonPath();
        assertThat(BrowserForm.get(listed.getString("[0].url")).body()).isEqualTo(png);

        Row event = pool.preparedQuery("SELECT event_type, partner_id, payload, metadata FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of("photo-" + mediaId)).await().indefinitely().iterator().next();
        assertThat(event.getString("event_type")).isEqualTo("PhotoAttached");
        assertThat(event.getString("partner_id")).isEqualTo("acme");
        assertThat(event.getJsonObject("payload").getJsonObject("data").getMap())
                .containsEntry("objectKey", key).containsEntry("channel", "chat").containsEntry("channelId", chat)
                .containsEntry("contentType", "image/png").containsEntry("sizeBytes", png.length)
                .containsEntry("photoType", "photo");
        assertThat(((Number) event.getJsonObject("payload").getJsonObject("data").getValue("photoId")).longValue()).isEqualTo(mediaId);
        assertThat(event.getJsonObject("metadata").getString("actor")).isEqualTo("agent:7001");

        // The stable download path (what reporting lists): 302 to a fresh pre-signed GET, for this partner only.
        String location = given().auth().oauth2(token("acme")).redirects().follow(false)
                .get("/apps/api/v1/media/photos/" + mediaId)
                .then().statusCode(302).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().header("Location");
        assertThat(BrowserForm.get(location).body()).isEqualTo(png);
        given().auth().oauth2(token("globex")).redirects().follow(false).get("/apps/api/v1/media/photos/" + mediaId)
                .then().statusCode(404);
        given().auth().oauth2(token("acme")).redirects().follow(false).get("/apps/api/v1/media/videos/" + mediaId)
                .then().statusCode(404);
        given().redirects().follow(false).get("/apps/api/v1/media/photos/" + mediaId).then().statusCode(401);

        // A retried attach changes nothing and answers the same photo.
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", key))))
                .post("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).body("media_id", equalTo((int) mediaId));
        assertThat(count(pool, "SELECT count(*) FROM event_store WHERE stream_id = 'photo-" + mediaId + "'")).isEqualTo(1);
    }

    @Test
    void severalPhotosAttachInOneRequestAndTheFirstIsAnswered() {
        long chat = MediaFixtures.chat("acme");
        byte[] jpeg = TestMedia.jpeg(8, 8);
        byte[] png = TestMedia.png(8, 8);
        String first = upload("acme", "chats", chat, "photos", "image/jpeg", jpeg);
        String second = upload("acme", "chats", chat, "photos", "image/png", png);
        long mediaId = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", first, "photo_type", "photo"),
                        Map.of("s3_path", second, "photo_type", "screenshot"))))
                .post("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).extract().jsonPath().getLong("media_id");
        JsonPath listed = given().auth().oauth2(token("acme")).get("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("media_id", Long.class)).hasSize(2).first().isEqualTo(mediaId);
        assertThat(BrowserForm.get(listed.getString("[0].url")).body()).isEqualTo(jpeg);
        assertThat(BrowserForm.get(listed.getString("[1].url")).body()).isEqualTo(png);
    }

    @Test
    void videosOfChatsAndPhotosOfCallsWorkTheSameWay() {
        long chat = MediaFixtures.chat("acme");
        byte[] mp4 = TestMedia.mp4(4096);
        String key = upload("acme", "chats", chat, "videos", "video/mp4", mp4);
        long videoId = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("s3_path", key)))
                .post("/apps/api/v1/chats/" + chat + "/videos")
                .then().statusCode(200).extract().jsonPath().getLong("media_id");
        JsonPath videos = given().auth().oauth2(token("acme")).get("/apps/api/v1/chats/" + chat + "/videos")
                .then().statusCode(200).extract().jsonPath();
        assertThat(videos.getList("media_id", Long.class)).containsExactly(videoId);
        assertThat(BrowserForm.get(videos.getString("[0].url")).body()).isEqualTo(mp4);
        String location = given().auth().oauth2(token("acme")).redirects().follow(false)
                .get("/apps/api/v1/media/videos/" + videoId).then().statusCode(302).extract().header("Location");
        assertThat(BrowserForm.get(location).body()).isEqualTo(mp4);
        given().auth().oauth2(token("acme")).get("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(200).body("size()", equalTo(0));
        assertThat(count(pool, "SELECT count(*) FROM event_store WHERE stream_id = 'video-" + videoId
                + "' AND event_type = 'VideoAttached'")).isEqualTo(1);
        // TestMedia.mp4 has no moov: its duration is not known, and not made up
        assertThat(eventData("video-" + videoId).getValue("durationSeconds")).isNull();

        String uniqueId = "0401" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        long call = MediaFixtures.call("acme", uniqueId);
        byte[] jpeg = TestMedia.jpeg(5, 5);
        String photo = upload("acme", "calls", call, "photos", "image/jpeg", jpeg);
        assertThat(photo).startsWith("acme/call/" + call + "/photos/");
        long photoId = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", photo))))
                .post("/apps/api/v1/calls/" + call + "/photos")
                .then().statusCode(200).extract().jsonPath().getLong("media_id");
        JsonPath photos = given().auth().oauth2(token("acme")).get("/apps/api/v1/calls/" + call + "/photos")
                .then().statusCode(200).extract().jsonPath();
        assertThat(photos.getList("media_id", Long.class)).containsExactly(photoId);
        assertThat(BrowserForm.get(photos.getString("[0].url")).body()).isEqualTo(jpeg);
        assertThat(pool.preparedQuery("SELECT payload FROM event_store WHERE stream_id = $1").execute(Tuple.of("photo-" + photoId))
                .await().indefinitely().iterator().next().getJsonObject("payload").getJsonObject("data").getString("channel"))
                .isEqualTo("call");
        assertThat(eventData("photo-" + photoId).getString("interactionUniqueId")).isEqualTo(uniqueId);
    }

    @Test
    void aVideosDurationIsReadFromItsContainerWhereverItIs() {
        long chat = MediaFixtures.chat("acme");
        // 90.5 s at a 600 time scale (QuickTime's usual) rounds up to 91; moov after 300 KiB of media data
        // is past the bytes read at inspection, so it takes the ranged reads
        for (boolean moovFirst : new boolean[] {true, false}) {
            byte[] mp4 = TestMedia.mp4WithDuration(300 * 1024, 600, 54_300, moovFirst);
            String key = upload("acme", "chats", chat, "videos", "video/mp4", mp4);
            long videoId = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                    .body(Map.of("video", Map.of("s3_path", key)))
                    .post("/apps/api/v1/chats/" + chat + "/videos")
                    .then().statusCode(200).extract().jsonPath().getLong("media_id");
            assertThat(eventData("video-" + videoId).getInteger("durationSeconds")).as("moov first: " + moovFirst).isEqualTo(91);
        }
        // WebM: Info after a 300 KiB Void (past the inspected bytes: ranged reads), 12.345 s rounds up to 13
        byte[] webm = TestMedia.webmWithDuration(300 * 1024, 12_345.0, 64 * 1024);
        String key = upload("acme", "chats", chat, "videos", "video/webm", webm);
        long videoId = given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("s3_path", key)))
                .post("/apps/api/v1/chats/" + chat + "/videos")
                .then().statusCode(200).extract().jsonPath().getLong("media_id");
        assertThat(eventData("video-" + videoId).getInteger("durationSeconds")).as("webm").isEqualTo(13);
        assertThat(eventData("video-" + videoId).getString("contentType")).isEqualTo("video/webm");
    }

    private io.vertx.core.json.JsonObject eventData(String streamId) {
        return pool.preparedQuery("SELECT payload FROM event_store WHERE stream_id = $1").execute(Tuple.of(streamId))
                .await().indefinitely().iterator().next().getJsonObject("payload").getJsonObject("data");
    }

    @Test
    void theStoreRefusesWhatThePolicyDoesNotAllow() {
        long chat = MediaFixtures.chat("acme");
        long other = MediaFixtures.chat("acme");
        byte[] png = TestMedia.png(4, 4);

        // Another chat's key with this chat's signed policy.
        Map<String, String> fields = new java.util.LinkedHashMap<>(form("acme", "chats", chat, "photos", "image/png").getMap("fields"));
        String url = form("acme", "chats", chat, "photos", "image/png").getString("url");
        String otherKey = "acme/chat/" + other + "/photos/" + UUID.randomUUID();
        fields.put("key", otherKey);
        assertRefused(BrowserForm.post(url, fields, "p.png", "image/png", png), otherKey);

        // A content type the policy does not name.
        Map<String, String> wrongType = new java.util.LinkedHashMap<>(form("acme", "chats", chat, "photos", "image/png").getMap("fields"));
        wrongType.put("Content-Type", "text/html");
        assertRefused(BrowserForm.post(url, wrongType, "p.html", "text/html", png), wrongType.get("key"));

        // A tampered policy (a wider size range, the same signature).
        Map<String, String> tampered = new java.util.LinkedHashMap<>(form("acme", "chats", chat, "photos", "image/png").getMap("fields"));
        String policy = new String(Base64.getDecoder().decode(tampered.get("policy")), StandardCharsets.UTF_8)
                .replace("20971520", "2097152000");
        tampered.put("policy", Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8)));
        assertRefused(BrowserForm.post(url, tampered, "p.png", "image/png", png), tampered.get("key"));

        // A file larger than the policy's range.
        String smallKey = "acme/chat/" + chat + "/photos/" + UUID.randomUUID();
        ObjectStore.UploadForm small = objects.uploadForm(smallKey, "image/png", 1, 1000, java.time.Duration.ofMinutes(5));
        assertRefused(BrowserForm.post(small.url(), small.fields(), "p.png", "image/png", TestMedia.png(64, 64)), smallKey);

        // An expired policy.
        String lateKey = "acme/chat/" + chat + "/photos/" + UUID.randomUUID();
        ObjectStore.UploadForm expired = objects.uploadForm(lateKey, "image/png", 1, 100_000, java.time.Duration.ofSeconds(-60));
        assertRefused(BrowserForm.post(expired.url(), expired.fields(), "p.png", "image/png", png), lateKey);

        // The same form, untouched, uploads.
        assertThat(BrowserForm.post(small.url(), small.fields(), "p.png", "image/png", png).statusCode()).isEqualTo(201);
        assertThat(objects.inspect(smallKey, 1).await().indefinitely()).isPresent();
    }

    private void assertRefused(HttpResponse<String> response, String key) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(objects.inspect(key, 1).await().indefinitely()).as(key).isEmpty();
    }

    @Test
    void anAttachOfWhatShouldNotBeThereIs400NamingTheFieldAndWritesNothing() throws Exception {
        long chat = MediaFixtures.chat("acme");
        long other = MediaFixtures.chat("acme");
        String othersPhoto = upload("acme", "chats", other, "photos", "image/png", TestMedia.png(4, 4));
        String video = upload("acme", "chats", chat, "videos", "video/mp4", TestMedia.mp4(64));
        // Bytes that are no image, uploaded with a valid form as image/png: the store cannot tell.
        String notAnImage = upload("acme", "chats", chat, "photos", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        // A JPEG uploaded as PNG.
        String mislabelled = upload("acme", "chats", chat, "photos", "image/png", TestMedia.jpeg(4, 4));
        // An object larger than the limit, put past the policy (a store that did not enforce it).
        String oversized = "acme/chat/" + chat + "/photos/" + UUID.randomUUID();
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(TestMedia.png(2, 2), 0, big, 0, TestMedia.png(2, 2).length);
        RealS3 s3 = RealS3.shared();
        try (MinioClient direct = MinioClient.builder().endpoint(s3.endpoint()).region("us-east-1")
                .credentials(s3.accessKey(), s3.secretKey()).build()) {
            direct.putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(oversized)
                    .stream(new ByteArrayInputStream(big), (long) big.length, null).contentType("image/png").build());
        }
        String missing = "acme/chat/" + chat + "/photos/" + UUID.randomUUID();
        long events = count(pool, "SELECT count(*) FROM event_store WHERE stream_type IN ('photo', 'video')");
        long items = count(pool, "SELECT count(*) FROM media_items");

        Map<String, String> refusals = Map.of(
                othersPhoto, "not an upload key of this chat's photos",
                video, "not an upload key of this chat's photos",
                "acme/chat/" + chat + "/photos/../../" + other + "/photos/x", "not an upload key",
                missing, "no object at this key",
                notAnImage, "not a photo",
                mislabelled, "uploaded as image/png but its bytes are image/jpeg",
                oversized, "20971521 bytes");
        refusals.forEach((key, reason) -> given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", key))))
                .post("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("photo[0].s3_path"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString(reason)));

        // One bad photo among good ones: nothing is attached.
        String good = upload("acme", "chats", chat, "photos", "image/png", TestMedia.png(4, 4));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", List.of(Map.of("s3_path", good), Map.of("s3_path", notAnImage))))
                .post("/apps/api/v1/chats/" + chat + "/photos")
                .then().statusCode(400).body("errors.field", hasItem("photo[1].s3_path"));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("s3_path", othersPhoto)))
                .post("/apps/api/v1/chats/" + chat + "/videos")
                .then().statusCode(400).body("errors.field", hasItem("video.s3_path"));

        assertThat(count(pool, "SELECT count(*) FROM event_store WHERE stream_type IN ('photo', 'video')")).isEqualTo(events);
        assertThat(count(pool, "SELECT count(*) FROM media_items")).isEqualTo(items);
    }

    @Test
    void malformedBodiesAre400NamingTheField() {
        long chat = MediaFixtures.chat("acme");
        String base = "/apps/api/v1/chats/" + chat;
        Map<String, Object> bodies = new java.util.LinkedHashMap<>();
        bodies.put("photo", Map.of("photo", List.of()));
        bodies.put("photo[0].s3_path", Map.of("photo", List.of(Map.of("s3_path", "a".repeat(1025)))));
        bodies.put("photo[0].photo_type", Map.of("photo", List.of(Map.of("s3_path", "k", "photo_type", "selfie"))));
        bodies.forEach((field, body) -> given().auth().oauth2(token("acme")).contentType(ContentType.JSON).body(body)
                .post(base + "/photos").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("photo", java.util.Collections.nCopies(11, Map.of("s3_path", "k"))))
                .post(base + "/photos").then().statusCode(400).body("errors.field", hasItem("photo"));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("s3_path", "k", "gcs_path", "gs://bucket/k")))
                .post(base + "/videos").then().statusCode(400).body("errors.field", hasItem("video.gcs_path"));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON).body(Map.of("content_type", "image/gif"))
                .post(base + "/photos/upload").then().statusCode(400).body("errors.field", hasItem("content_type"));
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON).body(Map.of("content_type", "image/png"))
                .post(base + "/videos/upload").then().statusCode(400).body("errors.field", hasItem("content_type"));
    }

    @Test
    void anotherPartnersChatOrCallIs404OnEveryEndpoint() {
        long chat = MediaFixtures.chat("acme");
        long call = MediaFixtures.call("acme");
        String chatPhoto = upload("acme", "chats", chat, "photos", "image/png", TestMedia.png(4, 4));
        String callVideo = upload("acme", "calls", call, "videos", "video/mp4", TestMedia.mp4(64));
        for (String target : List.of("chats/" + chat, "calls/" + call, "chats/987654321987", "calls/987654321987")) {
            String base = "/apps/api/v1/" + target;
            String partner = target.endsWith("987") ? "acme" : "globex";
            for (String path : List.of("/photos/upload", "/videos/upload")) {
                given().auth().oauth2(token(partner)).contentType(ContentType.JSON).post(base + path)
                        .then().statusCode(404).contentType("application/problem+json");
            }
            for (String path : List.of("/photos", "/videos")) {
                given().auth().oauth2(token(partner)).get(base + path).then().statusCode(404);
            }
            given().auth().oauth2(token(partner)).contentType(ContentType.JSON)
                    .body(Map.of("photo", List.of(Map.of("s3_path", chatPhoto))))
                    .post(base + "/photos").then().statusCode(404);
            given().auth().oauth2(token(partner)).contentType(ContentType.JSON)
                    .body(Map.of("video", Map.of("s3_path", callVideo)))
                    .post(base + "/videos").then().statusCode(404);
        }
        given().contentType(ContentType.JSON).post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(401);
        given().auth().oauth2(io.switchboard.testing.TestTokens.bearer("acme")).contentType(ContentType.JSON)
                .post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(403);
        given().auth().oauth2(token("acme")).get("/apps/api/v1/chats/" + chat + "/photos").then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
