package io.switchboard.reporting.api;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.messaging.ConsumerProgress;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds {@code Switchboard-Watermark: complete-as-of=<UTC instant>; lag-ms=<n>; caught-up=<bool>} to every
 * response ({@code complete-as-of=none; caught-up=false} before every expected source's heartbeat was
 * applied), so a client knows how complete the projections are ({@link io.switchboard.reporting.messaging.Watermark}).
 * The same for every caller: it says nothing about any partner. It reads memory only.
 */
public class WatermarkFilter {
    public static final String HEADER = "Switchboard-Watermark";

    @Inject
    ConsumerProgress progress;

    @ServerResponseFilter
    public void addWatermark(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, progress.watermark().header(WireTime::format));
    }
}
