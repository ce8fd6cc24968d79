package io.switchboard.reporting.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.events.TestEnvelopes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A batch the database refuses is retried until it applies, never skipped: while it fails the chat
 * topic's loop reports it (health data, and DOWN once stuck longer than the test profile's 2 s); once the
 * database accepts it again the chat shows up, applied once.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ConsumerRetryTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ReadModelConsumers consumers;

    @Test
    void aBatchTheDatabaseRefusesIsRetriedUntilItApplies() throws Exception {
        String partner = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        long chatId = ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000);
        sql("ALTER TABLE chats ADD CONSTRAINT refuse_" + chatId + " CHECK (id <> " + chatId + ") NOT VALID");
        try (EnvelopePublisher kafka = new EnvelopePublisher(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            ChatCreated created = new ChatCreated(chatId, "queued", 31L, "en",
                    new ChatEvents.EndUser(77L, "cust-77", null, null, null), null, Map.of(), List.of(), List.of(),
                    Instant.parse("2026-11-21T09:30:00Z"), null);
            kafka.publish(Topics.CHAT, TestEnvelopes.of(created).partner(partner).aggregate(ChatEvents.AGGREGATE_TYPE, chatId)
                    .at(created.createdAt()).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> consumers.named("reporting-chat").orElseThrow().stuck());
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'read-model consumers' }.data.'reporting-chat.failing_with'", notNullValue());
            given().auth().oauth2(TestTokens.bearer(partner, "supervisor")).get("/manager/api/v1/chats/" + chatId)
                    .then().statusCode(404);
        } finally {
            sql("ALTER TABLE chats DROP CONSTRAINT refuse_" + chatId);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.bearer(partner, "supervisor"))
                .get("/manager/api/v1/chats/" + chatId).then().statusCode(200).body("id", equalTo((int) chatId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumers.named("reporting-chat").orElseThrow().stuck());
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(TestTokens.bearer(partner, "supervisor")).get("/manager/api/v1/chats")
                .then().statusCode(200).header("total", "1");
        assertThat(consumers.named("reporting-chat").orElseThrow().status().lastError()).isNull();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
