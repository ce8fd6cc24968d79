package io.switchboard.redaction;

import io.switchboard.testing.ShiftedClock;
import jakarta.inject.Singleton;

/** The service's clock in tests (libs/testing's {@link ShiftedClock}): the retention test moves it a year ahead. */
@Singleton
public class TestClock extends ShiftedClock {
}
