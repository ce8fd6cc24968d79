package io.switchboard.media;

import io.switchboard.testing.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The layering rules of the root README (libs/testing ServiceArchitecture) on this service's classes. */
class ArchitectureTest {
    private final ServiceArchitecture service = ServiceArchitecture.of("io.switchboard.media");

    @Test
    void domainIsPlainJava() {
        service.check(service.domainIsPlainJava());
    }

    @Test
    void layersFollowTheFlowOfData() {
        service.layersFollowTheFlowOfData().forEach(service::check);
    }

    @Test
    void noPackageCycles() {
        service.check(service.noPackageCycles());
    }
}
