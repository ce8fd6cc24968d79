package io.switchboard.reporting.live;

import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;


/**
 * The live surface's reads for a partner's supervisors: the snapshot of now and today's segment-metric
 * distributions. Another partner's path is a 404, like any of its resources.
 */
@Path("/api/partners/{partnerId}/live")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class LiveResource {
    static final int MAX_PARTNER = 64;
    static final int MAX_ZONE = 64;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final LiveSnapshots snapshots;
    private final SegmentDistributions distributions;
    private final PartnerContext partner;

    public LiveResource(LiveSnapshots snapshots, SegmentDistributions distributions, PartnerContext partner) {
        this.snapshots = snapshots;
        this.distributions = distributions;
        this.partner = partner;
    }

    @GET
    @Path("snapshot")
    public LiveSnapshot snapshot(@PathParam("partnerId") @Size(max = MAX_PARTNER) String partnerId) throws SQLException {
        return snapshots.snapshot(own(partnerId));
    }

    /** {@code zone}: an IANA time zone whose midnight starts "today" (absent or empty: UTC). */
    @GET
    @Path("distributions")
    public LiveDistributions distributions(@PathParam("partnerId") @Size(max = MAX_PARTNER) String partnerId,
                                           @QueryParam("zone") @Size(max = MAX_ZONE) String zone) throws SQLException {
        String own = own(partnerId);
        return distributions.today(own, zone(zone));
    }

    /** Only region ids (Europe/Berlin) and UTC: an offset like +02:00 has no "today" that follows daylight saving. */
    static ZoneId zone(String text) {
        if (text == null || text.isEmpty()) {
            return UTC;
        }
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw new InvalidCommandException("zone", "must be an IANA time zone, e.g. Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidCommandException("zone", "must be an IANA time zone, e.g. Europe/Berlin or UTC");
        }
    }

    private String own(String partnerId) {
        String own = partner.partnerId();
        if (!own.equals(partnerId)) {
            throw new AggregateNotFoundException("partner", partnerId.length() > MAX_PARTNER ? "?" : partnerId);
        }
        return own;
    }
}
