package io.switchboard.bench.idle;

import io.switchboard.bench.load.Keycloak;
import io.switchboard.bench.load.Stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * End-to-end lag through the public APIs, one probe at a time: a REST write to the interaction service
 * (PATCH a directory agent's {@code first_name}, as an admin) is timed until a Manager API read of the
 * reporting service (GET the agent, as a supervisor) shows it. The way is the whole pipeline: the event
 * store's commit, its outbox row read by Debezium through the replication slot, Connect's producer, the
 * broker, reporting's consumer loop and projection transaction, and the read.
 *
 * <p>The read is repeated every {@code pollMillis} until it shows the new name; the figure is from the
 * write's start to the end of the first read that shows it (what a client polling for its own write
 * sees, at most one poll interval late). Probes start at random gaps, so they do not fall into step with
 * the pipeline's own poll intervals. A consumer of {@code switchboard.interaction} in this JVM also notes
 * when each probe's event arrives on the topic, which splits the way in two: write → topic (the service,
 * the outbox, Debezium, Connect) and topic → visible (reporting's consumer loop and projection, the read).
 */
final class LagProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Stack stack;
    private final Keycloak keycloak;
    private final String interaction;
    private final String reporting;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String kafka;
    /** Probe name → when its event was seen on the topic (System.nanoTime()). */
    private final Map<String, Long> onTopic = new ConcurrentHashMap<>();
    private volatile boolean consuming;
    private String writer;
    private String reader;
    private long tokensAt;
    private long agentId;
    private int serial;

    LagProbe(Stack stack, String kafka) {
        this.kafka = kafka;
        this.stack = stack;
        this.keycloak = new Keycloak(stack);
        this.interaction = stack.uri("interaction").toString();
        this.reporting = stack.uri("reporting").toString();
    }

    /** Creates the probe's agent and waits until reporting has it. */
    void prepare() throws Exception {
        refreshTokens();
        JsonNode created = send(interaction, "POST", "/manager/api/v1/agents", writer, Map.of("first_name", "Probe",
                "last_name", "Lag " + tag, "email", "probe." + tag + "@acme.test"), 201);
        agentId = created.path("id").asLong();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!visible("Probe")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agent " + agentId + " never reached reporting: is the pipeline running?");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Runs {@code count} probes; records each write's round trip, its write → topic and its write → visible
     * time (microseconds).
     */
    void run(int count, int pollMillis, Duration meanGap, Histogram write, Histogram topic, Histogram visible) throws Exception {
        Thread watcher = watchTopic();
        try {
            probes(count, pollMillis, meanGap, write, topic, visible);
        } finally {
            consuming = false;
            watcher.join(10_000);
        }
    }

    /** Notes when each probe's event arrives on switchboard.interaction (returns once it is positioned). */
    private Thread watchTopic() throws InterruptedException {
        String topicName = "switchboard.interaction";
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        consuming = true;
        Thread watcher = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topicName, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topicName, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                String marker = "P" + tag + "-";
                while (consuming) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        long at = System.nanoTime();
                        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                        int i = value.indexOf(marker);
                        if (i >= 0) {
                            int end = i + marker.length();
                            while (end < value.length() && Character.isDigit(value.charAt(end))) {
                                end++;
                            }
                            onTopic.putIfAbsent(value.substring(i, end), at);
                        }
                    }
                }
            } finally {
                positioned.countDown();
            }
        }, "lag-probe-topic");
        watcher.setDaemon(true);
        watcher.start();
        positioned.await(60, TimeUnit.SECONDS);
        return watcher;
    }

    private void probes(int count, int pollMillis, Duration meanGap, Histogram write, Histogram topic, Histogram visible)
            throws Exception {
        for (int i = 0; i < count; i++) {
            // Tokens live 5 minutes: renewed well before, outside a timed probe.
            if (System.nanoTime() - tokensAt > TimeUnit.MINUTES.toNanos(2)) {
                refreshTokens();
            }
            long gap = ThreadLocalRandom.current().nextLong(meanGap.toMillis() / 2, meanGap.toMillis() * 3 / 2 + 1);
            Thread.sleep(gap);
            String name = "P" + tag + "-" + (serial++);
            long start = System.nanoTime();
            send(interaction, "PATCH", "/manager/api/v1/agents/" + agentId, writer, Map.of("first_name", name), 200);
            long written = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            long nextPoll = written;
            while (!visible(name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("probe " + i + " not visible in reporting after 60 s");
                }
                nextPoll += TimeUnit.MILLISECONDS.toNanos(pollMillis);
                long wait = nextPoll - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    nextPoll = System.nanoTime();
                }
            }
            long seen = System.nanoTime();
            write.recordValue((written - start) / 1_000);
            visible.recordValue((seen - start) / 1_000);
            // Seen on the topic before it was visible, unless this JVM's consumer was the slower one.
            Long arrived = onTopic.remove(name);
            if (arrived != null) {
                topic.recordValue(Math.max(0, arrived - start) / 1_000);
            }
        }
    }

    private boolean visible(String firstName) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(reporting + "/manager/api/v1/agents/" + agentId))
                .header("Authorization", "Bearer " + reader).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET agent " + agentId + " from reporting: " + response.statusCode() + " " + response.body());
        }
        return firstName.equals(JSON.readTree(response.body()).path("first_name").asText());
    }

    private JsonNode send(String base, String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void refreshTokens() throws IOException, InterruptedException {
        writer = token("ada.admin");
        reader = token("sam.supervisor");
        tokensAt = System.nanoTime();
    }

    /** A password-grant token of a demo user (public client switchboard-web), password from the secrets. */
    private String token(String user) {
        String secret = "SWITCHBOARD_DEMO_" + user.replace('.', '_').toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
        return keycloak.passwordGrant(user, stack.secret(secret)).access();
    }
}
