package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;

/**
 * The partners' organization settings. An event carries the whole settings after the change and a
 * partner's events are applied in order (one stream), so the row is simply replaced; {@code updated_at}
 * only moves forward.
 */
public class OrganizationProjection implements Projection {

    @Override
    public void apply(Writes w, EventEnvelope e) {
        if (e.data() instanceof OrganizationUpdated d) {
            Upsert.into("organizations").key("partner_id", e.partnerId())
                    .overwrite("name", d.name()).overwrite("time_zone", d.timeZone()).overwrite("language", d.language())
                    .latest("updated_at", d.updatedAt() == null ? e.occurredAt() : d.updatedAt()).run(w);
        }
    }
}
