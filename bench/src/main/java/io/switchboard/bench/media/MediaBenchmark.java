package io.switchboard.bench.media;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventCodec;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.EventStoreSchema;
import io.switchboard.media.domain.AttachRules;
import io.switchboard.media.domain.Channel;
import io.switchboard.media.domain.MediaKind;
import io.switchboard.media.domain.MediaLimits;
import io.switchboard.media.domain.ObjectKeys;
import io.switchboard.media.store.ChannelOwners;
import io.switchboard.media.store.MediaObjects;
import io.switchboard.media.store.MediaStore;
import io.switchboard.objectstore.ObjectStore;
import io.switchboard.objectstore.S3Settings;
import io.switchboard.testing.RealPostgres;
import io.switchboard.testing.RealS3;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The media service's two hot paths, with its own classes and no Quarkus, against the s3proxy and PostgreSQL
 * of libs/testing: <b>upload-form issuance</b> (a new key and a signed browser POST policy: CPU only) and
 * <b>attach</b> of an uploaded photo (owner check, HEAD and the first bytes from the store, the attach rules,
 * then one transaction appending {@code PhotoAttached} with its list row, and the pre-signed GET of the
 * answer) — what {@code POST …/photos/upload} and {@code POST …/photos} do minus HTTP and JSON.
 *
 * <p>"One core": run it under {@code taskset -c 0}; the s3proxy and PostgreSQL it starts inherit the
 * affinity, so the whole path shares that core. Knobs: {@code BENCH_SECONDS} (10), {@code BENCH_WARMUP_SECONDS}
 * (3), {@code BENCH_IN_FLIGHT} attaches at once (8), {@code BENCH_PHOTO_PIXELS} side of the test PNG (256).
 */
public final class MediaBenchmark {
    private static final String PARTNER = "bench";

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SECONDS", "10")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "3")));
        int inFlight = Integer.parseInt(System.getenv().getOrDefault("BENCH_IN_FLIGHT", "8"));
        int side = Integer.parseInt(System.getenv().getOrDefault("BENCH_PHOTO_PIXELS", "256"));

        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database("bench_media");
        EventStoreSchema.migrate(postgres.jdbcUrl(db), postgres.user(), postgres.password());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
             Statement s = c.createStatement();
             InputStream sql = MediaBenchmark.class.getResourceAsStream("/db/migration/V1__media.sql")) {
            s.execute("DROP TABLE IF EXISTS media_items, channel_owners; DROP SEQUENCE IF EXISTS media_id_seq");
            s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        }
        RealS3 s3 = RealS3.shared();
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(20))
                .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                        .setDatabase(db).setUser(postgres.user()).setPassword(postgres.password())
                        .setCachePreparedStatements(true))
                .using(vertx).build();
        MediaLimits limits = new MediaLimits(20 * 1024 * 1024, 200 * 1024 * 1024, Duration.ofMinutes(15), Duration.ofMinutes(15));
        ObjectStore objects = new ObjectStore(settings(s3), Clock.systemUTC());
        MediaStore media = new MediaStore(new EventStore(pool, EventCodec.standard()), pool);
        ChannelOwners owners = new ChannelOwners(pool);
        MediaObjects uploaded = new MediaObjects(objects);
        try {
            System.out.printf("Media benchmark: %d available processor(s), s3proxy at %s, PostgreSQL at %s:%d, %d s (after %d s"
                            + " warm-up) per phase%n", Runtime.getRuntime().availableProcessors(), s3.endpoint(),
                    postgres.host(), postgres.port(), measure.toSeconds(), warmup.toSeconds());
            issuance(objects, limits, warmup);
            double forms = issuance(objects, limits, measure);
            System.out.printf("upload forms: %.0f/s (one thread; key + signed POST policy)%n", forms);

            long chat = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
            pool.withTransaction(tx -> ChannelOwners.record(tx, PARTNER, Channel.CHAT, chat, null)).await().indefinitely();
            byte[] png = png(side);
            int needed = (int) Math.max(200, 2_000 * (measure.toSeconds() + warmup.toSeconds()) / 10);
            System.out.printf("uploading %d photos of %d bytes through upload forms…%n", needed, png.length);
            List<String> keys = upload(objects, limits, chat, png, needed);
            AtomicLong next = new AtomicLong();
            attach(owners, objects, uploaded, media, limits, chat, keys, next, inFlight, warmup, new ConcurrentHistogram(3));
            Histogram latency = new ConcurrentHistogram(3);
            long before = next.get();
            long start = System.nanoTime();
            attach(owners, objects, uploaded, media, limits, chat, keys, next, inFlight, measure, latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            long done = latency.getTotalCount();
            System.out.printf("attach: %.0f/s with %d in flight, p50 %.1f ms, p99 %.1f ms (%d attaches; %d keys left)%n",
                    done / seconds, inFlight, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                    done, keys.size() - next.get());
            if (next.get() - before < done) {
                throw new IllegalStateException("fewer keys used than attaches counted");
            }
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        System.exit(0);
    }

    private static double issuance(ObjectStore objects, MediaLimits limits, Duration period) {
        long end = System.nanoTime() + period.toNanos();
        long count = 0;
        long start = System.nanoTime();
        int sink = 0;
        while (System.nanoTime() < end) {
            String key = ObjectKeys.newKey(PARTNER, Channel.CHAT, 42, MediaKind.PHOTO, UUID.randomUUID());
            sink += objects.uploadForm(key, "image/png", MediaLimits.MIN_BYTES, limits.photoMaxBytes(),
                    limits.uploadExpiry()).fields().size();
            count++;
        }
        if (sink == 0) {
            throw new IllegalStateException("no forms");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static List<String> upload(ObjectStore objects, MediaLimits limits, long chat, byte[] png, int count)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = ObjectKeys.newKey(PARTNER, Channel.CHAT, chat, MediaKind.PHOTO, UUID.randomUUID());
            ObjectStore.UploadForm form = objects.uploadForm(key, "image/png", MediaLimits.MIN_BYTES,
                    limits.photoMaxBytes(), limits.uploadExpiry());
            String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Map.Entry<String, String> field : form.fields().entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(png);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(form.url()))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload refused: " + response.statusCode() + " " + response.body());
            }
            keys.add(key);
        }
        return keys;
    }

    /** What MediaEndpoints.attach does for one photo, without HTTP: owner, inspect, rules, attach, sign the answer. */
    private static void attach(ChannelOwners owners, ObjectStore objects, MediaObjects uploaded, MediaStore media, MediaLimits limits, long chat,
                               List<String> keys, AtomicLong next, int inFlight, Duration period, Histogram latency)
            throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long index = next.getAndIncrement();
                    if (index >= keys.size()) {
                        return;
                    }
                    String key = keys.get((int) index);
                    long start = System.nanoTime();
                    String url = owners.requireOwned(PARTNER, Channel.CHAT, chat)
                            .flatMap(owned -> uploaded.inspect(key))
                            .flatMap(found -> {
                                var object = found.orElseThrow();
                                Optional<String> refusal = AttachRules.refusal(MediaKind.PHOTO, limits, object);
                                if (refusal.isPresent()) {
                                    return Uni.createFrom().failure(new IllegalStateException(refusal.get()));
                                }
                                return media.attach(PARTNER, Channel.CHAT, chat, null, MediaKind.PHOTO,
                                        List.of(new MediaStore.Attach(key, "photo", object.contentType(), object.sizeBytes(), null)),
                                        "bench", Instant.now());
                            })
                            .map(items -> objects.downloadUrl(items.get(0).objectKey(), limits.downloadExpiry()))
                            .await().indefinitely();
                    if (url == null || url.isEmpty()) {
                        throw new IllegalStateException("no URL");
                    }
                    latency.recordValue((System.nanoTime() - start) / 1_000);
                }
            }, "attach-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static byte[] png(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static S3Settings settings(RealS3 s3) {
        return new S3Settings() {
            public String endpoint() {
                return s3.endpoint();
            }

            public Optional<String> publicEndpoint() {
                return Optional.empty();
            }

            public String region() {
                return "us-east-1";
            }

            public String bucket() {
                return s3.bucket();
            }

            public String accessKey() {
                return s3.accessKey();
            }

            public String secretKey() {
                return s3.secretKey();
            }
        };
    }
}
