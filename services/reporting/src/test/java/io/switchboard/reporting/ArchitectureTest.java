package io.switchboard.reporting;

import io.switchboard.testing.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the root README (libs/testing ServiceArchitecture) that reporting keeps today:
 * its domain is plain Java. The flow-of-data and no-cycle rules do not hold yet ({@code store} and
 * {@code api} import each other); they join this test when reporting is sliced by read model.
 */
class ArchitectureTest {
    private final ServiceArchitecture service = ServiceArchitecture.of("io.switchboard.reporting");

    @Test
    void domainIsPlainJava() {
        service.check(service.domainIsPlainJava());
    }
}
