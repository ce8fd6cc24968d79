package io.switchboard.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class RealServersTest {

    @Test
    void postgresRunsWithLogicalDecodingAndDurableCommits() throws Exception {
        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database("testing_smoke");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            assertEquals("logical", setting(statement, "wal_level"));
            assertEquals("on", setting(statement, "synchronous_commit"));
        }
        assertSame(postgres, RealPostgres.shared(), "one server per JVM");
    }

    @Test
    void kafkaBrokerAnswersAndCreatesTopics() throws Exception {
        RealKafka kafka = RealKafka.shared();
        kafka.createTopic("testing.smoke", 2);
        kafka.createTopic("testing.smoke", 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertFalse(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty());
            assertEquals(2, admin.describeTopics(java.util.List.of("testing.smoke")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("testing.smoke").partitions().size());
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
