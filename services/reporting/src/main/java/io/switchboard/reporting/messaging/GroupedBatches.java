package io.switchboard.reporting.messaging;

import io.switchboard.consumer.Batch;
import io.switchboard.consumer.BatchHandler;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import io.switchboard.reporting.projection.StreamGroups;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One consumer loop's batches, split by stream ({@link StreamGroups}) into groups applied in parallel, each
 * in its own transaction ({@link Projector#apply(List)}: applied positions and projections together). Every
 * event of an aggregate lands in the same group, in order. If a group fails, the loop retries the batch:
 * the groups that committed are not applied again (this handler remembers them for the batch in hand), so
 * the count of events applied stays exact.
 */
public final class GroupedBatches implements BatchHandler {
    private final Projector projector;
    private final ExecutorService appliers;
    private final int groups;
    private Batch current;
    private List<List<EventEnvelope>> split;
    private boolean[] done;
    private int applied;

    public GroupedBatches(Projector projector, ExecutorService appliers, int groups) {
        this.projector = projector;
        this.appliers = appliers;
        this.groups = groups;
    }

    @Override
    public int apply(Batch batch) throws Exception {
        if (batch != current) {
            current = batch;
            split = StreamGroups.split(batch.events(), groups);
            done = new boolean[split.size()];
            applied = 0;
        }
        if (split.size() == 1 && !done[0]) {
            applied += projector.apply(split.get(0)).size();
            done[0] = true;
            return applied;
        }
        List<Future<Integer>> applying = new ArrayList<>(split.size());
        for (int g = 0; g < split.size(); g++) {
            List<EventEnvelope> group = split.get(g);
            applying.add(done[g] ? null : appliers.submit(() -> projector.apply(group).size()));
        }
        Exception failure = null;
        for (int g = 0; g < applying.size(); g++) {
            if (applying.get(g) == null) {
                continue;
            }
            try {
                applied += applying.get(g).get();
                done[g] = true;
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return applied;
    }
}
