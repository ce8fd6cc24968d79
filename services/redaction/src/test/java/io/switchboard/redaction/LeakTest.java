package io.switchboard.redaction;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.redaction.RedactionFixtures.Chat;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.redaction.RedactionFixtures.ACME_SUPERVISOR;
import static io.switchboard.redaction.RedactionFixtures.PATIENCE;
import static io.switchboard.redaction.RedactionFixtures.as;
import static io.switchboard.redaction.RedactionFixtures.awaitRedacted;
import static io.switchboard.redaction.RedactionFixtures.now;
import static io.switchboard.redaction.RedactionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

/**
 * Raw text never stays in this service. Known PII is planted where the pipeline meets it — message texts
 * (what the analyzer redacts), the customer's name, email and phone on the chat and in a sender name (never
 * kept at all), an end-user update, a record the consumer cannot decode (parked without its value), the
 * integrator endpoint — then EVERY table of the redaction database (the event store, which is what
 * Debezium publishes to switchboard.redaction, included) and the service's whole log output at DEBUG
 * ({@code target/redaction-test.log}) are searched for each string: 0 hits.
 *
 * <p>The planted message PII covers patterns (emails, cards, phones, money, an IBAN) and what the detection's
 * gazetteers and cues find (a name, a city, a date).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "redaction"))
@WithTestResource(KafkaTestResource.class)
class LeakTest {
    /** In message texts: the analyzer must redact each. */
    private static final List<String> MESSAGE_PII = List.of("zq.canary.7731@leakcheck.example", "4929 3812 7764 5501",
            "+1 555 867 5309", "$48,213.77", "DE89 3704 0044 0532 0130 00", "Jonathan Whitaker", "Manchester",
            "March 3, 1985");
    /** Around the messages: never stored, whatever the analyzer does. */
    private static final String CUSTOMER_NAME = "Quorinda Vexley-Pratchmore";
    private static final String CUSTOMER_EMAIL = "quorinda.vexley@canary.example";
    private static final String CUSTOMER_PHONE = "+44 20 7946 0958";
    private static final String IDENTIFIER = "crm-id-QVX-778812";

    @Inject
    Pool pool;
    @Inject
    ReadModelConsumers consumers;

    @Test
    void plantedPiiIsInNoTableAndNoLogLine() throws IOException {
        Chat chat = Chat.of("acme");
        chat.publish(new io.switchboard.events.chat.ChatEvents.ChatCreated(chat.id, "queued", 3L, "en",
                new io.switchboard.events.chat.ChatEvents.EndUser(99L, IDENTIFIER, CUSTOMER_NAME, CUSTOMER_EMAIL, CUSTOMER_PHONE),
                CUSTOMER_EMAIL, Map.of("note", CUSTOMER_NAME),
                List.of(new io.switchboard.events.chat.ChatEvents.TranscriptEntry("end_user", "I am " + CUSTOMER_NAME, now())),
                List.of("human_agents"), now(), null));
        chat.assigned("agent", 5, "Sam Agent");
        chat.message("end_user", IDENTIFIER, CUSTOMER_NAME, "my email is " + MESSAGE_PII.get(0) + " and card "
                + MESSAGE_PII.get(1), now());
        chat.message("end_user", IDENTIFIER, CUSTOMER_NAME, "call " + MESSAGE_PII.get(2) + ", I owe " + MESSAGE_PII.get(3), now());
        chat.message("end_user", IDENTIFIER, CUSTOMER_NAME, "iban " + MESSAGE_PII.get(4), now());
        chat.message("end_user", IDENTIFIER, CUSTOMER_NAME, "my name is " + MESSAGE_PII.get(5) + ", I live in "
                + MESSAGE_PII.get(6) + " and was born on " + MESSAGE_PII.get(7), now());
        chat.fromAgent(5, "Sam Agent", "thanks, noted " + MESSAGE_PII.get(0));
        chat.publish(new EndUserUpdated(chat.id, IDENTIFIER, CUSTOMER_NAME, CUSTOMER_EMAIL, CUSTOMER_PHONE, now()));
        publishUndecodable(chat.id, "text of a broken record: " + MESSAGE_PII.get(0) + " " + CUSTOMER_NAME);
        awaitRedacted(pool, chat);
        await().atMost(PATIENCE).until(() -> consumers.named("redaction").orElseThrow().status().parked() > 0);
        as(TestTokens.bearer("acme", "agent")).contentType(ContentType.JSON)
                .body(Map.of("text", "analyze " + MESSAGE_PII.get(0) + " " + MESSAGE_PII.get(1))).post("/redaction/api/v1/analyze")
                .then().statusCode(200);
        as(ACME_SUPERVISOR).queryParam("customersessionid", chat.id).get(session("acme")).then().statusCode(200)
                .body("[0].messages", hasSize(5));

        List<String> needles = needles();
        List<String> hits = new ArrayList<>();
        for (String table : tables()) {
            for (String needle : needles) {
                long found = count(table, needle);
                if (found > 0) {
                    hits.add(table + " holds '" + needle + "' in " + found + " rows");
                }
            }
        }
        assertThat(tables()).contains("redacted_messages", "event_store", "redaction_chats", "consumer_dead_letters");
        // The search finds what is there: the agent's name and the redacted text are stored, as they should be.
        assertThat(count("redacted_messages", "Sam Agent")).isPositive();
        assertThat(count("event_store", "thanks, noted ****EMAIL****")).isPositive();
        String log = Files.readString(Path.of("target/redaction-test.log"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(log).as("the service logs at DEBUG into the file searched").contains("redaction");
        for (String needle : needles) {
            if (log.contains(needle.toLowerCase(Locale.ROOT))) {
                hits.add("the log holds '" + needle + "'");
            }
        }
        assertThat(hits).isEmpty();
    }

    /** Each planted string, and its digits alone where it has some (a value stored without its separators). */
    private static List<String> needles() {
        List<String> needles = new ArrayList<>(MESSAGE_PII);
        needles.addAll(List.of(CUSTOMER_NAME, "Quorinda", "Pratchmore", CUSTOMER_EMAIL, CUSTOMER_PHONE, IDENTIFIER, "canary"));
        for (String value : List.copyOf(needles)) {
            String digits = value.replaceAll("[^0-9]", "");
            // Ten digits or more: shorter runs turn up by chance in ids and times.
            if (digits.length() >= 10) {
                needles.add(digits);
            }
        }
        return needles;
    }

    /** Every table of the database (all schemas but the catalogs). */
    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        pool.query("""
                        SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'""")
                .execute().await().indefinitely().forEach(row -> tables.add(row.getString(0)));
        return tables.stream().map(t -> t.startsWith("public.") ? t.substring("public.".length()) : t).toList();
    }

    /** Rows of {@code table} whose text form (every column; bytea as its escaped bytes too) contains {@code needle}. */
    private long count(String table, String needle) {
        List<String> byteColumns = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_name = $1 AND data_type = 'bytea' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")
                .execute(Tuple.of(table)).await().indefinitely().forEach(row -> byteColumns.add(row.getString(0)));
        StringBuilder where = new StringBuilder("strpos(lower(t::text), lower($1)) > 0");
        for (String column : byteColumns) {
            where.append(" OR strpos(lower(encode(t.").append(column).append(", 'escape')), lower($1)) > 0");
        }
        Row row = pool.preparedQuery("SELECT count(*) FROM " + table + " t WHERE " + where)
                .execute(Tuple.of(needle)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    /** A MessageSent whose messageId is not a number: the codec refuses it, the loop parks it. */
    private static void publishUndecodable(long chatId, String text) {
        String value = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"MessageSent\",\"version\":1,"
                + "\"aggregateType\":\"chat\",\"aggregateId\":\"chat-" + chatId + "\",\"sequence\":99,\"partnerId\":\"acme\","
                + "\"occurredAt\":\"2026-01-01T00:00:00.000Z\",\"data\":{\"chatId\":" + chatId + ",\"messageId\":\"" + text
                + "\",\"segment\":1,\"text\":\"" + text + "\"}}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CHAT, "chat-" + chatId, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the undecodable record", e);
        }
    }
}
