package io.switchboard.reporting.projection;

/**
 * The status a call shows, derived from its facts rather than stored, so it does not depend on the
 * order its events were applied in: the end status once ended, else the furthest step reached.
 */
public final class CallStatusSql {
    public static final String STATUS = """
            COALESCE(ended_status,
                     CASE WHEN connected_at IS NOT NULL THEN 'connected'
                          WHEN connecting_at IS NOT NULL THEN 'connecting'
                          WHEN queued_at IS NOT NULL THEN 'queued' END,
                     created_status)""";

    private CallStatusSql() {
    }
}
