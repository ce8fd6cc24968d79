package io.switchboard.media;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.media.MediaFixtures.PATIENCE;
import static io.switchboard.media.MediaFixtures.count;
import static io.switchboard.media.MediaFixtures.token;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owners read model (libs/consumer loop {@code media}): a redelivered event changes nothing, a later
 * announcement of the same chat id by another partner does not take it over, and a rebuild from the topics
 * gives the same owners.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "media"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class OwnersConsumerTest {
    @Inject
    Pool pool;
    @Inject
    ReadModelConsumers consumers;

    @Test
    void redeliveriesAndOtherPartnersChangeNoOwnerAndARebuildGivesTheSameOwners() {
        long chat = MediaFixtures.chat("acme");
        try (EnvelopePublisher kafka = new EnvelopePublisher(RealKafka.shared().bootstrapServers())) {
            Instant now = Instant.now();
            ChatCreated created = new ChatCreated(chat, "queued", 1L, "en", null, null, null, null, List.of(), now, now);
            EventEnvelope again = TestEnvelopes.envelope("acme", ChatEvents.AGGREGATE_TYPE, chat, 1, created);
            kafka.publish(Topics.CHAT, again);
            kafka.publish(Topics.CHAT, "globex", ChatEvents.AGGREGATE_TYPE, chat, 1, created);
        }
        await().atMost(PATIENCE).until(() -> count(pool, "SELECT count(*) FROM consumer_applied_streams WHERE read_model = 'media'"
                + " AND partner_id = 'globex' AND aggregate_id LIKE '%" + chat + "'") == 1);
        assertThat(count(pool, "SELECT count(*) FROM channel_owners WHERE channel = 'chat' AND channel_id = " + chat
                + " AND partner_id = 'acme'")).isEqualTo(1);
        given().auth().oauth2(token("globex")).contentType(ContentType.JSON)
                .post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(404);

        // Only a replay from the topics brings the row back.
        pool.query("DELETE FROM channel_owners WHERE channel = 'chat' AND channel_id = " + chat).execute().await().indefinitely();
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(404);
        given().auth().oauth2(TestTokens.bearer("acme", "agent")).post("/admin/read-models/media/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer("acme", "system")).post("/admin/read-models/media/rebuild").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> !consumers.named("media").orElseThrow().status().replaying()
                && count(pool, "SELECT count(*) FROM channel_owners WHERE channel = 'chat' AND channel_id = " + chat
                + " AND partner_id = 'acme'") == 1);
        given().auth().oauth2(token("acme")).contentType(ContentType.JSON)
                .post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(200);
        given().auth().oauth2(token("globex")).contentType(ContentType.JSON)
                .post("/apps/api/v1/chats/" + chat + "/photos/upload").then().statusCode(404);
    }
}
