package io.switchboard.e2e.stack;

import io.restassured.http.ContentType;
import io.switchboard.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Raw text never leaves the chat service except through the redaction service's memory (issue 14), on the
 * real pipeline: PII planted in chat messages through the chat API (an email, a card number, a phone, money,
 * an IBAN, a person's name, a city, a date) goes chat → Debezium → {@code switchboard.chat} → redaction →
 * its event store → Debezium → {@code switchboard.redaction} → reporting's {@code chat_messages}. Once reporting
 * has every message of the chats, redacted, the redaction and reporting databases (dumped whole,
 * {@link DatabaseDump}), the whole {@code switchboard.redaction} topic (keys, values, headers) and every log
 * file of the stack's components under {@code SWITCHBOARD_STATE} hold none of the planted strings — and they
 * do hold the redacted messages, so a search that finds nothing has looked in the right place.
 */
@ExtendWith(LocalStack.class)
class RedactionLeakTest {
    private static final Duration PIPELINE = Duration.ofSeconds(120);
    /** The planted PII, as services/redaction's LeakTest plants it. */
    private static final List<String> PII = List.of("zq.canary.7731@leakcheck.example", "4929 3812 7764 5501",
            "+1 555 867 5309", "$48,213.77", "DE89 3704 0044 0532 0130 00", "Jonathan Whitaker", "Manchester",
            "March 3, 1985");
    /** What the customer writes, each message with its PII; the agent repeats the email. */
    private static final List<String> MESSAGES = List.of(
            "my email is " + PII.get(0) + " and card " + PII.get(1),
            "call " + PII.get(2) + ", I owe " + PII.get(3),
            "iban " + PII.get(4),
            "my name is " + PII.get(5) + ", I live in " + PII.get(6) + " and was born on " + PII.get(7));

    /** How the first message starts once redacted: the search below must find this much. */
    private static final String REDACTED_EMAIL = "my email is ****EMAIL****";

    @Test
    void plantedPiiIsInNoDatabaseNoTopicAndNoLogOfTheStack() throws Exception {
        String admin = KeycloakAuthTest.token("ada.admin");
        String agent = KeycloakAuthTest.token("ann.agent");
        String supervisor = KeycloakAuthTest.token("sam.supervisor");
        int menu = ChatsOnTheStack.acmeChatMenu(admin, "Leak check " + UUID.randomUUID().toString().substring(0, 6));
        List<Integer> chats = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int chat = ChatsOnTheStack.createOnceMenuIsKnown(agent, menu, 7000 + i, PIPELINE);
            chats.add(chat);
            for (String text : MESSAGES) {
                // A supervisor's message without from_user_id is the end user's (chat README, sender matrix).
                given().baseUri("http://127.0.0.1:" + LocalStack.servicePort("chat")).auth().oauth2(supervisor)
                        .contentType(ContentType.JSON).body(Map.of("message", Map.of("type", "text", "content", text)))
                        .when().post("/apps/api/v1/chats/" + chat + "/message").then().statusCode(200);
            }
        }

        // The pipeline has run once reporting holds every message of both chats.
        await().atMost(PIPELINE).pollInterval(Duration.ofMillis(500))
                .until(() -> reportingTexts(chats).size() == chats.size() * MESSAGES.size());
        List<String> stored = reportingTexts(chats);
        assertThat(stored).as("redacted, in reporting").allSatisfy(text -> assertThat(text).contains("****"))
                .anySatisfy(text -> assertThat(text).startsWith(REDACTED_EMAIL));

        List<String> needles = needles();
        List<String> hits = new ArrayList<>();
        Path out = Path.of("target/leak");
        for (String database : List.of("redaction", "reporting")) {
            DatabaseDump.Dumped dump = DatabaseDump.of(database, out.resolve(database + ".sql"));
            System.out.println("RedactionLeakTest: " + database + " dumped by " + dump.how() + " → " + dump.file());
            String text = Files.readString(dump.file(), StandardCharsets.UTF_8);
            assertThat(text).as("the %s dump holds the redacted messages", database)
                    .contains(REDACTED_EMAIL);
            hits.addAll(search(database + " database", text, needles));
        }

        String topic = wholeRedactionTopic();
        assertThat(topic).as("the topic carries the MessageRedacted events of the chats")
                .contains("MessageRedacted").contains(REDACTED_EMAIL);
        hits.addAll(search(Topics.REDACTION, topic, needles));

        List<Path> logs = logFiles();
        assertThat(logs).as("every service's log").anySatisfy(p -> assertThat(p.toString()).contains("redaction"))
                .anySatisfy(p -> assertThat(p.toString()).contains("reporting"));
        long lines = 0;
        for (Path log : logs) {
            lines += searchLog(log, needles, hits);
        }
        System.out.printf("RedactionLeakTest: searched 2 databases, %d topic bytes, %d log files (%d lines) for %d strings%n",
                topic.length(), logs.size(), lines, needles.size());
        assertThat(hits).isEmpty();
    }

    /** Each planted string, and its digits alone where it has ten or more (a value stored without separators). */
    private static List<String> needles() {
        List<String> needles = new ArrayList<>(PII);
        for (String value : PII) {
            String digits = value.replaceAll("[^0-9]", "");
            if (digits.length() >= 10) {
                needles.add(digits);
            }
        }
        return needles;
    }

    private static List<String> search(String where, String text, List<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        return needles.stream().filter(n -> lower.contains(n.toLowerCase(Locale.ROOT)))
                .map(n -> where + " holds '" + n + "'").toList();
    }

    /** The redacted texts reporting holds for the chats. */
    private static List<String> reportingTexts(List<Integer> chats) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/reporting",
                "reporting", LocalStack.secret("SWITCHBOARD_REPORTING_DB_PASSWORD"));
             PreparedStatement s = c.prepareStatement(
                     "SELECT redacted_text FROM chat_messages WHERE partner_id = 'acme' AND chat_id = ANY (?) ORDER BY chat_id, message_id")) {
            s.setArray(1, c.createArrayOf("bigint", chats.stream().map(Integer::longValue).toArray()));
            List<String> texts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
            return texts;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of(); // reporting's migration has not run yet
            }
            throw e;
        }
    }

    /** Every record of the topic, from offset 0 of every partition to its end: key, headers and value as text. */
    private static String wholeRedactionTopic() {
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REDACTION, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.REDACTION, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(PIPELINE).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    all.append(text(record.key())).append('\t');
                    for (Header header : record.headers()) {
                        all.append(header.key()).append('=').append(text(header.value())).append(' ');
                    }
                    all.append('\t').append(text(record.value())).append('\n');
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return all.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every file in a {@code logs} folder of the stack's state: services, Kafka, Connect, PostgreSQL, Keycloak. */
    private static List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.walk(LocalStack.state())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("logs"))
                    .toList();
        }
    }

    /** Searches one log line by line (bytes as Latin-1: the needles are ASCII); returns the lines read. */
    private static long searchLog(Path log, List<String> needles, List<String> hits) throws IOException {
        List<String> lower = needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                String l = line.toLowerCase(Locale.ROOT);
                for (int i = 0; i < lower.size(); i++) {
                    if (l.contains(lower.get(i))) {
                        hits.add(log + ":" + lines + " holds '" + needles.get(i) + "'");
                    }
                }
            }
        }
        return lines;
    }
}
