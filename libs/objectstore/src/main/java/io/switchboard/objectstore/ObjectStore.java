package io.switchboard.objectstore;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioClient;
import io.minio.PostPolicy;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The S3 store through the MinIO client: browser POST policies, pre-signed GETs, HEAD and the first bytes
 * of an object, ranged reads, whole small objects. Signing is local (the region is configured, so the client
 * never asks the store for it); HEAD, GET, PUT and DELETE are blocking HTTP calls: the {@code Uni} methods run
 * them on the worker pool, the plain ones are for code already on a worker thread.
 */
@ApplicationScoped
@Startup // building a client reads the JVM's trust store (seconds): never on an event loop at a first request
public class ObjectStore {
    /** Objects are never rewritten (every upload has its own key), so browsers may keep them. */
    public static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
    public static final String ACL = "private";
    /** 201 makes S3 answer the POST with an XML document naming the key, which a client can check. */
    public static final String SUCCESS_STATUS = "201";
    private static final Set<String> ABSENT = Set.of("NoSuchKey", "NoSuchObject", "NotFound", "NoSuchBucket");

    private final MinioClient client;
    private final MinioClient signer;
    private final String bucket;
    private final String publicBase;
    private final Clock clock;

    public ObjectStore(S3Settings settings, Clock clock) {
        this.bucket = settings.bucket();
        this.clock = clock;
        this.client = MinioClient.builder().endpoint(settings.endpoint()).region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey()).build();
        String publicEndpoint = settings.publicEndpoint().filter(value -> !value.isBlank()).orElse(settings.endpoint());
        this.signer = publicEndpoint.equals(settings.endpoint()) ? client
                : MinioClient.builder().endpoint(publicEndpoint).region(settings.region())
                        .credentials(settings.accessKey(), settings.secretKey()).build();
        this.publicBase = stripSlash(publicEndpoint) + "/" + bucket;
    }

    /** A form for one upload. */
    public record UploadForm(String url, Map<String, String> fields) {
    }

    /**
     * A browser POST form for exactly {@code key}, of exactly {@code contentType}, of {@code minBytes} to
     * {@code maxBytes}, usable for {@code expiry}. Every field of the form is a condition of the signed
     * policy, so a client can change none of them.
     */
    public UploadForm uploadForm(String key, String contentType, long minBytes, long maxBytes, Duration expiry) {
        PostPolicy policy = new PostPolicy(bucket, ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)).plus(expiry));
        policy.addEqualsCondition("key", key);
        policy.addEqualsCondition("Content-Type", contentType);
        policy.addEqualsCondition("Cache-Control", CACHE_CONTROL);
        policy.addEqualsCondition("acl", ACL);
        policy.addEqualsCondition("success_action_status", SUCCESS_STATUS);
        policy.addContentLengthRangeCondition(minBytes, maxBytes);
        // The client spells one of its fields X-Amz-Date; S3 field names are case-insensitive.
        Map<String, String> signed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            signed.putAll(signer.getPresignedPostFormData(policy));
        } catch (MinioException e) {
            throw new IllegalStateException("could not sign an upload policy", e);
        }
        // In the order of the Apps API's form (docs/api/chat.md#upload-form).
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("success_action_status", SUCCESS_STATUS);
        fields.put("Content-Type", contentType);
        fields.put("Cache-Control", CACHE_CONTROL);
        fields.put("acl", ACL);
        fields.put("policy", signed.get("policy"));
        fields.put("x-amz-credential", signed.get("x-amz-credential"));
        fields.put("x-amz-algorithm", signed.get("x-amz-algorithm"));
        fields.put("x-amz-date", signed.get("x-amz-date"));
        if (signed.containsKey("x-amz-security-token")) {
            fields.put("x-amz-security-token", signed.get("x-amz-security-token"));
        }
        fields.put("x-amz-signature", signed.get("x-amz-signature"));
        return new UploadForm(publicBase, fields);
    }

    /** A GET URL for {@code key} that works for {@code expiry}. */
    public String downloadUrl(String key, Duration expiry) {
        try {
            return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                    .bucket(bucket).object(key).expiry((int) expiry.toSeconds(), TimeUnit.SECONDS).build());
        } catch (MinioException e) {
            throw new IllegalStateException("could not sign a download URL", e);
        }
    }

    /** What HEAD says of an object, and its first bytes. */
    public record Inspected(String key, long sizeBytes, String contentType, byte[] head) {
    }

    /** A whole object and its stored content type. */
    public record StoredObject(String contentType, byte[] bytes) {
    }

    /** HEAD of the object and its first {@code headBytes} bytes, or empty if it does not exist. */
    public Uni<Optional<Inspected>> inspect(String key, int headBytes) {
        return onWorker(() -> inspectNow(key, headBytes));
    }

    private Optional<Inspected> inspectNow(String key, int headBytes) {
        try {
            StatObjectResponse head = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            byte[] first = head.size() > 0 ? range(key, 0, (int) Math.min(head.size(), headBytes)) : new byte[0];
            return Optional.of(new Inspected(key, head.size(), head.headers().get("Content-Type"), first));
        } catch (ErrorResponseException e) {
            if (absent(e)) {
                return Optional.empty();
            }
            throw new IllegalStateException("the object store refused HEAD " + key + ": " + e.errorResponse().code(), e);
        } catch (MinioException e) {
            throw new IllegalStateException("the object store could not be read", e);
        }
    }

    /** {@code length} bytes of the object from {@code offset} (fewer at its end); blocking. */
    public byte[] range(String key, long offset, int length) {
        try (GetObjectResponse body = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                .offset(offset).length((long) length).build())) {
            return readUpTo(body, length);
        } catch (MinioException | IOException e) {
            throw new IllegalStateException("the object store could not be read", e);
        }
    }

    /** Stores {@code bytes} under {@code key}, replacing what was there (keys are never reused by callers). */
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
        return onWorker(() -> {
            try {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L)
                        .contentType(contentType).headers(Map.of("Cache-Control", CACHE_CONTROL)).build());
                return null;
            } catch (MinioException e) {
                throw new IllegalStateException("the object store refused PUT " + key, e);
            }
        });
    }

    /**
     * The whole object if it exists and is at most {@code maxBytes} (a larger one is an error: callers only
     * read objects they bounded when writing them).
     */
    public Uni<Optional<StoredObject>> get(String key, int maxBytes) {
        return onWorker(() -> {
            try (GetObjectResponse body = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                byte[] bytes = readUpTo(body, maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new IllegalStateException("object " + key + " is larger than " + maxBytes + " bytes");
                }
                return Optional.of(new StoredObject(body.headers().get("Content-Type"), bytes));
            } catch (ErrorResponseException e) {
                if (absent(e)) {
                    return Optional.<StoredObject>empty();
                }
                throw new IllegalStateException("the object store refused GET " + key + ": " + e.errorResponse().code(), e);
            } catch (MinioException | IOException e) {
                throw new IllegalStateException("the object store could not be read", e);
            }
        });
    }

    /** Removes the object; removing one that is not there is not an error. */
    public Uni<Void> remove(String key) {
        return onWorker(() -> {
            try {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
                return null;
            } catch (MinioException e) {
                throw new IllegalStateException("the object store refused DELETE " + key, e);
            }
        });
    }

    private static boolean absent(ErrorResponseException e) {
        return ABSENT.contains(e.errorResponse().code());
    }

    private static <T> Uni<T> onWorker(java.util.function.Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @PreDestroy
    void close() throws Exception {
        // OkHttp's threads would otherwise keep the JVM alive after shutdown.
        client.close();
        if (signer != client) {
            signer.close();
        }
    }
}
