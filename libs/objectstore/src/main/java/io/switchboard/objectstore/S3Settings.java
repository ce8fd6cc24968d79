package io.switchboard.objectstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The S3-compatible store. No defaults for the endpoint or the keys: a service never starts against a
 * guessable store (the local launcher passes its generated keys, Compose and Kubernetes their secrets).
 */
@ConfigMapping(prefix = "switchboard.s3")
public interface S3Settings {
    /** Where this service reaches the store, e.g. {@code http://127.0.0.1:9000}. */
    String endpoint();

    /**
     * Where browsers and phones reach it, if not at {@link #endpoint()} (a public host in front of a private
     * one): upload forms and download URLs are signed for this host.
     */
    Optional<String> publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("switchboard-media")
    String bucket();

    String accessKey();

    String secretKey();
}
