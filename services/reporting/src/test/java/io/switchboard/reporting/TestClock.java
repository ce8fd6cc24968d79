package io.switchboard.reporting;

import io.switchboard.testing.ShiftedClock;
import jakarta.inject.Singleton;

/** The service's clock in tests (libs/testing's {@link ShiftedClock}): the retention test moves it ahead. */
@Singleton
public class TestClock extends ShiftedClock {
}
