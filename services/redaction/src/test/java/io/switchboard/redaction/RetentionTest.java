package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.redaction.RedactionFixtures.Chat;
import io.switchboard.redaction.retention.RetentionPurge;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.switchboard.redaction.RedactionFixtures.ACME_SUPERVISOR;
import static io.switchboard.redaction.RedactionFixtures.as;
import static io.switchboard.redaction.RedactionFixtures.awaitRedacted;
import static io.switchboard.redaction.RedactionFixtures.events;
import static io.switchboard.redaction.RedactionFixtures.now;
import static io.switchboard.redaction.RedactionFixtures.rows;
import static io.switchboard.redaction.RedactionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

/**
 * The scheduled purge, run by hand with the service's clock moved: history (redacted messages) goes a year
 * after it was sent, runtime data (per-chat state, parked records) 30 days after it was last touched.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class RetentionTest {
    @Inject
    Pool pool;
    @Inject
    TestClock clock;
    @Inject
    RetentionPurge purge;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void historyGoesAfterAYearAndRuntimeDataAfterThirtyDays() {
        Chat chat = Chat.of("acme");
        chat.created(null, false, "Old", "old@example.org");
        chat.message("end_user", "1", null, "sent 400 days ago", now().minus(Duration.ofDays(400)));
        chat.message("end_user", "1", null, "sent 300 days ago", now().minus(Duration.ofDays(300)));
        chat.message("end_user", "1", null, "sent now", now());
        awaitRedacted(pool, chat);
        long parked = park(Instant.now().minus(Duration.ofDays(31)));
        long parkedRecently = park(Instant.now().minus(Duration.ofDays(29)));

        purge.purge();
        as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages.text", contains("sent 300 days ago", "sent now"));
        assertThat(chatState(chat.id)).as("the chat was active a moment ago").isTrue();
        assertThat(parked(parked)).isFalse();
        assertThat(parked(parkedRecently)).isTrue();

        clock.shift(Duration.ofDays(70));
        RetentionPurge.Purged purged = purge.purge();
        assertThat(purged.messages()).isGreaterThanOrEqualTo(1);
        assertThat(purged.chats()).isGreaterThanOrEqualTo(1);
        as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages.text", contains("sent now"));
        assertThat(rows(pool, "acme", chat.id)).isEqualTo(1);
        assertThat(chatState(chat.id)).as("no event for 70 days").isFalse();
        assertThat(parked(parkedRecently)).isFalse();
        // The events stay: the event store is append-only, and they hold redacted text only.
        assertThat(events(pool, chat.id)).isEqualTo(3);
    }

    @Test
    void aParkedRecordKeepsNeitherItsValueNorTheErrorsMessage() {
        long id = park(Instant.now());
        Row row = pool.preparedQuery("SELECT raw_value, error FROM consumer_dead_letters WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next();
        assertThat(row.getValue("raw_value")).isNull();
        assertThat(row.getString("error")).isEqualTo("io.switchboard.events.EventDecodingException");
    }

    private long park(Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO consumer_dead_letters (consumer, topic, kafka_partition, kafka_offset, record_key, raw_value, error, parked_at)
                        VALUES ('redaction', 'switchboard.chat', 0, $1, 'chat-1', convert_to('{"text": "secret"}', 'UTF8'),
                                'io.switchboard.events.EventDecodingException: text "secret" is not a long', $2) RETURNING id""")
                .execute(Tuple.of(-System.nanoTime(), at.atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private boolean parked(long id) {
        return pool.preparedQuery("SELECT count(*) FROM consumer_dead_letters WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getLong(0) == 1;
    }

    private boolean chatState(long chatId) {
        return pool.preparedQuery("SELECT count(*) FROM redaction_chats WHERE chat_id = $1").execute(Tuple.of(chatId))
                .await().indefinitely().iterator().next().getLong(0) == 1;
    }
}
