package io.switchboard.reporting.ivr;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.InteractionEvents.InteractionStarted;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.util.List;
import java.util.Map;

/**
 * Visual-IVR interactions as far as the Platform Data API needs them: when each started under which unique id, and
 * the caller attributes it started with (a call's {@code attributes}). The attributes are set once, when the
 * interaction starts; later steps are the interaction service's own history.
 */
public class IvrProjection implements Projection.PerEvent {
    public static final String INTERACTIONS = "ivr_interactions";
    public static final String CALLER_ATTRIBUTES = "ivr_caller_attributes";

    @Override
    public List<String> tables() {
        return List.of(INTERACTIONS, CALLER_ATTRIBUTES);
    }

    @Override
    public void apply(Writes w, EventEnvelope e) {
        if (!(e.data() instanceof InteractionStarted d) || d.uniqueId() == null) {
            return;
        }
        Upsert.into(INTERACTIONS).key("partner_id", e.partnerId()).key("id", d.interactionId())
                .set("unique_id", d.uniqueId())
                .set("started_at", d.startedAt() == null ? e.occurredAt() : d.startedAt()).run(w);
        if (d.callerAttributes() != null) {
            for (Map.Entry<String, String> attribute : d.callerAttributes().entrySet()) {
                if (attribute.getValue() == null) {
                    continue;
                }
                Upsert.into(CALLER_ATTRIBUTES).key("partner_id", e.partnerId()).key("interaction_id", d.interactionId())
                        .key("name", attribute.getKey()).set("value", attribute.getValue()).run(w);
            }
        }
    }
}
