package io.switchboard.reporting.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.enterprise.context.RequestScoped;

import java.time.ZoneId;

/**
 * The time zone this request's response renders its times in: set by the endpoints that take
 * {@code time_zone} (lists, and a call, chat or agent by id), read by {@link WireTimes} while the response
 * is serialized. Unset: UTC.
 */
@RequestScoped
public class ResponseZone {
    private ZoneId zone;

    public void use(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The zone of the request being answered on this thread, null outside a request or when unset. */
    static ZoneId current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        return container.instance(ResponseZone.class).get().zone();
    }
}
