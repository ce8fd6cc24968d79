package io.switchboard.interaction.call;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.media.MediaEvents.PhotoAttached;
import io.switchboard.events.media.MediaEvents.VideoAttached;
import io.switchboard.eventstore.EventStore;
import io.switchboard.interaction.call.messaging.CallMediaConsumer;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.call.CallFixtures.ACME_AGENT;
import static io.switchboard.interaction.call.CallFixtures.CALLS;
import static io.switchboard.interaction.call.CallFixtures.GLOBEX_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The call object's {@code photos} and {@code videos}: what the media service announced on
 * {@code switchboard.media} for the call (libs/consumer loop {@code call-media}), with the media service's
 * download paths as {@code url}s; a chat's items and another partner's never.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class CallMediaTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EnvelopePublisher kafka;

    @Inject
    EventStore store;
    @Inject
    CallMediaConsumer consumer;

    @BeforeEach
    void directory() {
        CallFixtures.directory(store);
        if (kafka == null) {
            kafka = new EnvelopePublisher(RealKafka.shared().bootstrapServers());
        }
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static long newId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000_000L);
    }

    private static JsonPath call(String token, long id) {
        return given().auth().oauth2(token).get(CALLS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theCallListsThePhotosAndVideosTheMediaServiceAttachedToIt() {
        long callId = CallFixtures.newInboundCall(ACME_AGENT);
        assertThat(call(ACME_AGENT, callId).getList("photos")).isEmpty();
        long photo = newId(), screenshot = newId(), video = newId();
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        kafka.publish(Topics.MEDIA, "acme", MediaEvents.PHOTO, photo, 1, new PhotoAttached(photo, "call", callId, "photo",
                "acme/call/" + callId + "/photos/a", "image/jpeg", 2048, null, at));
        kafka.publish(Topics.MEDIA, "acme", MediaEvents.PHOTO, screenshot, 1, new PhotoAttached(screenshot, "call", callId,
                "screenshot", "acme/call/" + callId + "/photos/b", "image/png", 4096, null, at.plusSeconds(1)));
        EventEnvelope videoEvent = kafka.publish(Topics.MEDIA, "acme", MediaEvents.VIDEO, video, 1, new VideoAttached(video,
                "call", callId, "acme/call/" + callId + "/videos/c", "video/mp4", 1 << 20, 12, at.plusSeconds(2)));

        await().atMost(WAIT).until(() -> call(ACME_AGENT, callId).getList("videos").size() == 1);
        JsonPath json = call(ACME_AGENT, callId);
        assertThat(json.getList("photos.id", Long.class)).containsExactly(photo, screenshot);
        assertThat(json.getList("photos.photo_type", String.class)).containsExactly("photo", "screenshot");
        assertThat(json.getList("photos.url", String.class))
                .containsExactly("/apps/api/v1/media/photos/" + photo, "/apps/api/v1/media/photos/" + screenshot);
        assertThat(json.getList("videos", Map.class)).containsExactly(Map.of("id", video, "url", "/apps/api/v1/media/videos/" + video));
        // a step answers the call object with its media too (an abandoned call: ended from the queue)
        JsonPath stepped = CallFixtures.step(CallFixtures.ACME_SYSTEM, (int) callId, "ended", "{\"fail_reason\": \"eu_abandoned\", \"disconnected_by\": \"disconnected_by_end_user\"}").statusCode(200).extract().jsonPath();
        assertThat(stepped.getList("photos.id", Long.class)).containsExactly(photo, screenshot);

        // delivered again: listed once
        assertThat(consumer.apply(videoEvent).await().indefinitely()).isFalse();
        assertThat(call(ACME_AGENT, callId).getList("videos")).hasSize(1);
    }

    @Test
    void aChatsItemsAndAnotherPartnersAreNotTheCalls() {
        long callId = CallFixtures.newInboundCall(ACME_AGENT);
        long chatPhoto = newId(), otherPartners = newId();
        // applied here directly (no wait on the topic): what the consumer makes of each
        assertThat(consumer.apply(TestEnvelopes.envelope("acme", MediaEvents.PHOTO, chatPhoto, 1, new PhotoAttached(chatPhoto,
                "chat", callId, "photo", "acme/chat/" + callId + "/photos/a", "image/jpeg", 10, null, Instant.now())))
                .await().indefinitely()).isTrue();
        assertThat(consumer.apply(TestEnvelopes.envelope("globex", MediaEvents.PHOTO, otherPartners, 1, new PhotoAttached(
                otherPartners, "call", callId, "photo", "globex/call/" + callId + "/photos/a", "image/jpeg", 10, null,
                Instant.now()))).await().indefinitely()).isTrue();
        assertThat(call(ACME_AGENT, callId).getList("photos")).isEmpty();
        given().auth().oauth2(GLOBEX_AGENT).get(CALLS + "/" + callId).then().statusCode(404);
    }
}
