package io.switchboard.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
        // The test kit registers one JVM shutdown hook per temporary folder, and JVM hooks run
        // concurrently: a folder deleted under a broker that is still closing (or still appending a
        // consumer group's leave) makes the broker halt the JVM with status 1, which fails the build
        // after green tests. The folder hooks are collected and run after the broker has stopped.
        List<Runnable> folderCleanups = new CopyOnWriteArrayList<>();
        try {
            Exit.setShutdownHookAdder((name, cleanup) -> folderCleanups.add(cleanup));
            KafkaClusterTestKit cluster;
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
                cluster = new KafkaClusterTestKit.Builder(nodes)
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
            } finally {
                Exit.resetShutdownHookAdder();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // The JVM is going away; the log folders are temporary.
                }
                for (Runnable cleanup : folderCleanups) {
                    try {
                        cleanup.run();
                    } catch (RuntimeException ignored) {
                        // Best effort, as the test kit's own hooks are.
                    }
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
