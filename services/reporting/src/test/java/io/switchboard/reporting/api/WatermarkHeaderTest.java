package io.switchboard.reporting.api;

import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The watermark follows the writing services' heartbeats: fresh heartbeats from chat, interaction and
 * media applied → caught up; no heartbeat for longer than the allowed lag (the test profile allows 4 s),
 * as when Kafka Connect stops → not caught up, with a growing lag; heartbeats again → caught up again.
 * Heartbeats never become a partner's data.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class WatermarkHeaderTest {
    private static final Pattern HEADER = Pattern.compile(
            "complete-as-of=(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z); lag-ms=(\\d+); caught-up=(true|false)");
    private static final Map<String, String> TOPICS = Map.of("chat", Topics.CHAT, "interaction", Topics.INTERACTION,
            "media", Topics.MEDIA);
    private static final Map<String, Long> SEQUENCES = new ConcurrentHashMap<>();
    private static EnvelopePublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        publisher = new EnvelopePublisher(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    /** What the writing services do every 5 s: a heartbeat into their own topic, through their outbox. */
    private static void heartbeats() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TOPICS.forEach((source, topic) -> {
            long sequence = SEQUENCES.merge(source, 1L, Long::sum) + 1_000_000;
            EventEnvelope beat = TestEnvelopes.envelope(SystemEvents.SYSTEM_PARTNER, SystemEvents.HEARTBEAT,
                    source + "-watermark-test", sequence, new Heartbeat(source, now));
            publisher.publish(topic, beat);
        });
    }

    private static String value() {
        return given().auth().oauth2(TestTokens.bearer("acme", "supervisor"))
                .get("/manager/api/v1/agents").then().statusCode(200).extract().header(WatermarkFilter.HEADER);
    }

    private static Matcher header() {
        String value = value();
        Matcher matcher = HEADER.matcher(value);
        assertThat(matcher.matches()).as(value).isTrue();
        return matcher;
    }

    @Test
    void theWatermarkFollowsTheHeartbeatsAndFallsBehindWhenTheyStop() {
        // Connect running: heartbeats keep arriving.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            heartbeats();
            return value().endsWith("caught-up=true");
        });
        Matcher caughtUp = header();
        assertThat(Long.parseLong(caughtUp.group(2))).isLessThanOrEqualTo(4_000);
        // Everyone reads the same header, a caller without a token too: it names no partner.
        String anonymous = given().get("/manager/api/v1/agents").then().statusCode(401).extract()
                .header(WatermarkFilter.HEADER);
        assertThat(HEADER.matcher(anonymous).matches()).as(anonymous).isTrue();

        // Connect stopped: no more heartbeats; within seconds not caught up, and the lag keeps growing.
        await().atMost(Duration.ofSeconds(30)).until(() -> header().group(3).equals("false"));
        long lag = Long.parseLong(header().group(2));
        assertThat(lag).isGreaterThan(4_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> Long.parseLong(header().group(2)) > lag + 500);
        given().get("/q/health/group/watermark").then().statusCode(503).body("checks[0].data.caught_up", equalTo(false));
        given().get("/q/health/ready").then().statusCode(200);

        // Connect back: caught up again.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            heartbeats();
            return value().endsWith("caught-up=true");
        });
        given().get("/q/health/group/watermark").then().statusCode(200).body("checks[0].data.caught_up", equalTo(true));
    }

    @Test
    void heartbeatsNeverBecomeAPartnersData() throws Exception {
        heartbeats();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM consumer_heartbeats") >= 3);
        for (String table : new String[] {"consumer_applied_streams", "agents", "calls", "chats", "teams", "menus",
                "changed_details"}) {
            assertThat(rows("SELECT count(*) FROM " + table + " WHERE partner_id = '" + SystemEvents.SYSTEM_PARTNER + "'"))
                    .as(table).isZero();
        }
        given().auth().oauth2(TestTokens.bearer(SystemEvents.SYSTEM_PARTNER, "system")).get("/manager/api/v1/agents")
                .then().statusCode(200).header("total", "0");
    }

    private long rows(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
