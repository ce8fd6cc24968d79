package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus service under test at the shared real S3 store ({@link RealS3}): properties
 * {@code switchboard.s3.endpoint}, {@code .bucket}, {@code .access-key}, {@code .secret-key}.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        RealS3 s3 = RealS3.shared();
        return Map.of(
                "switchboard.s3.endpoint", s3.endpoint(),
                "switchboard.s3.bucket", s3.bucket(),
                "switchboard.s3.access-key", s3.accessKey(),
                "switchboard.s3.secret-key", s3.secretKey());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by a shutdown hook.
    }
}
