package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a Quarkus service under test at the shared real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", RealKafka.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by a shutdown hook.
    }
}
