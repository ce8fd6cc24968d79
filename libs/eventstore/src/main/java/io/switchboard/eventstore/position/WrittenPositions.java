package io.switchboard.eventstore.position;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The positions the current request wrote, kept on its Vert.x duplicated context (one per HTTP request in
 * Quarkus, carried through the reactive client's callbacks and onto worker threads), so the event store
 * records every append where it happens and the web layer turns them into the response's position header
 * without any resource passing them along. Outside a request's context (a Kafka consumer's loop, a test
 * without Vert.x) nothing is recorded.
 */
public final class WrittenPositions {
    private static final String KEY = WrittenPositions.class.getName();

    private WrittenPositions() {
    }

    /** Records that {@code partnerId}'s stream reached {@code version} in the current request. */
    public static void record(String partnerId, String aggregateType, String aggregateId, long version) {
        Context context = Vertx.currentContext();
        if (context == null || !((ContextInternal) context).isDuplicate() || version < 1) {
            return;
        }
        Recorded recorded = context.getLocal(KEY);
        if (recorded == null) {
            recorded = new Recorded();
            context.putLocal(KEY, recorded);
        }
        recorded.add(partnerId, aggregateType, aggregateId, version);
    }

    /**
     * The token of everything the current request wrote, if it wrote anything for exactly one partner and
     * the token fits ({@link PositionToken#MAX_STREAMS}).
     */
    public static Optional<PositionToken> current() {
        Context context = Vertx.currentContext();
        if (context == null || !((ContextInternal) context).isDuplicate()) {
            return Optional.empty();
        }
        Recorded recorded = context.getLocal(KEY);
        return recorded == null ? Optional.empty() : recorded.token();
    }

    /** Guarded by itself: a request's callbacks may run on the event loop and on a worker thread. */
    private static final class Recorded {
        private String partnerId;
        /** Writes of two partners, or a stream a token cannot name: the request gets no token at all. */
        private boolean untokenizable;
        private final List<PositionToken.StreamPosition> positions = new ArrayList<>(2);

        synchronized void add(String partner, String aggregateType, String aggregateId, long version) {
            if (partnerId == null) {
                partnerId = partner;
            } else if (!partnerId.equals(partner)) {
                untokenizable = true;
            }
            try {
                positions.add(new PositionToken.StreamPosition(aggregateType, aggregateId, version));
            } catch (IllegalArgumentException unnameable) {
                untokenizable = true;
            }
        }

        synchronized Optional<PositionToken> token() {
            if (untokenizable || positions.isEmpty()) {
                return Optional.empty();
            }
            try {
                PositionToken token = PositionToken.of(partnerId, positions);
                return token.encode().length() > PositionToken.MAX_ENCODED_LENGTH ? Optional.empty() : Optional.of(token);
            } catch (IllegalArgumentException tooMany) {
                return Optional.empty();
            }
        }
    }
}
