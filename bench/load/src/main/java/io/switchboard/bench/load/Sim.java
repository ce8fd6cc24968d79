package io.switchboard.bench.load;

import java.util.Random;

/** What a script sees of the run it is part of (the driver; a fake in unit tests). */
interface Sim {
    long now();

    /** The run is over: open calls and chats end now, agents log out. */
    boolean windingDown();

    Random random();

    LoadConfig config();

    Expectations expectations();

    LagTracker lag();
}
