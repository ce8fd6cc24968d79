package io.switchboard.reporting.directory;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.util.List;

/**
 * The partners' organization settings. An event carries the whole settings after the change and a
 * partner's events are applied in order (one stream), so the row is simply replaced; {@code updated_at}
 * only moves forward.
 */
public class OrganizationProjection implements Projection.PerEvent {
    public static final List<String> TABLES = List.of("organizations");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void apply(Writes w, EventEnvelope e) {
        if (e.data() instanceof OrganizationUpdated d) {
            Upsert.into("organizations").key("partner_id", e.partnerId())
                    .overwrite("name", d.name()).overwrite("time_zone", d.timeZone()).overwrite("language", d.language())
                    .latest("updated_at", d.updatedAt() == null ? e.occurredAt() : d.updatedAt()).run(w);
        }
    }
}
