package io.switchboard.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A real Apache Kafka broker for tests: one combined broker/controller KRaft node running inside the
 * test JVM, started once per JVM. Set {@code SWITCHBOARD_TEST_KAFKA_BOOTSTRAP=host:port} to use an
 * existing broker instead.
 */
public final class RealKafka {
    public static final String ADDRESS = "SWITCHBOARD_TEST_KAFKA_BOOTSTRAP";

    private static RealKafka shared;

    private final String bootstrapServers;

    private RealKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static synchronized RealKafka shared() {
        if (shared == null) {
            shared = new RealKafka(SharedServer.address(ADDRESS).orElseGet(RealKafka::startInJvm));
        }
        return shared;
    }

    private static String startInJvm() {
        long start = System.nanoTime();
        try {
            // A broker that hits a fatal error while the JVM shuts down calls Exit.halt/exit, which would end
            // the test JVM with a non-zero code after every test passed ("error occurred in starting fork").
            // Errors while tests run still fail them; at shutdown they are only reported.
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                    System.err.printf("[switchboard-testing] embedded Kafka asked to halt(%d): %s%n", code, message));
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                    System.err.printf("[switchboard-testing] embedded Kafka asked to exit(%d): %s%n", code, message));
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // The JVM is going away; the log folders are temporary.
                }
            }, "kafka-testkit-stop"));
            String bootstrap = cluster.bootstrapServers();
            SharedServer.publish(ADDRESS, bootstrap);
            System.out.printf("[switchboard-testing] Kafka ready at %s in %d ms%n", bootstrap, SharedServer.millisSince(start));
            return bootstrap;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates a topic (if absent) with the given partition count. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }
}
