package io.switchboard.consumer.quarkus;

import io.switchboard.events.WireTime;
import io.switchboard.consumer.ConsumerStatus;
import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service's read models and their consumers, for the platform operator (role {@code system}: a read
 * model holds every partner's rows). {@code POST /admin/read-models/{name}/rebuild} empties the read
 * model's tables and applied positions and replays its topics from the beginning (202; the status's
 * {@code replaying} turns false when the replay has reached the log end it started with).
 */
@Path("/admin/read-models")
@RolesAllowed(Roles.SYSTEM)
public class ReadModelAdminResource {
    private final ReadModelConsumers consumers;

    public ReadModelAdminResource(ReadModelConsumers consumers) {
        this.consumers = consumers;
    }

    /** A loop's status as it goes on the wire: instants as UTC ISO-8601 with milliseconds. */
    public record LoopView(String name, String readModel, List<String> topics, String groupId, boolean running,
                           int assignedPartitions, long lagRecords, boolean caughtUp, boolean replaying,
                           double stuckSeconds, String lastError, long parked, Map<String, String> heartbeats,
                           boolean rebuildable) {
        static LoopView of(ReadModelConsumer consumer) {
            ConsumerStatus s = consumer.status();
            Map<String, String> beats = new TreeMap<>();
            s.heartbeats().forEach((source, at) -> beats.put(source, WireTime.format(at)));
            return new LoopView(s.name(), s.readModel(), s.topics(), s.groupId(), s.running(), s.assignedPartitions(),
                    s.lagRecords(), s.caughtUp(), s.replaying(), s.stuckSeconds(), s.lastError(), s.parked(), beats,
                    s.rebuildable());
        }
    }

    @GET
    public List<LoopView> list() {
        return consumers.all().stream().map(LoopView::of).sorted(Comparator.comparing(LoopView::name)).toList();
    }

    @GET
    @Path("/{readModel}")
    public List<LoopView> get(@PathParam("readModel") String readModel) {
        return feeding(readModel).stream().map(LoopView::of).toList();
    }

    @POST
    @Path("/{readModel}/rebuild")
    public Response rebuild(@PathParam("readModel") String readModel) throws InterruptedException {
        List<ReadModelConsumer> loops = feeding(readModel);
        if (loops.size() != 1 || !loops.get(0).spec().rebuildable()) {
            throw new IllegalTransitionException("not rebuildable",
                    "read model " + readModel + " is not rebuilt through this endpoint");
        }
        ReadModelConsumer consumer = loops.get(0);
        try {
            consumer.rebuild().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServiceUnavailableException("the rebuild of " + readModel + " could not start: "
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + "; try again");
        }
        return Response.accepted(List.of(LoopView.of(consumer))).build();
    }

    private List<ReadModelConsumer> feeding(String readModel) {
        List<ReadModelConsumer> loops = consumers.feeding(readModel);
        if (loops.isEmpty()) {
            throw new AggregateNotFoundException("read model", readModel);
        }
        return loops;
    }
}
