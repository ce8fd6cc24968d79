package io.switchboard.reporting.dataapi.fetch;

import java.sql.SQLException;

/** A read that failed for a reason that is not the caller's: rethrown by the resource (a 5xx, never hidden). */
public final class DataAccessFailure extends RuntimeException {
    public DataAccessFailure(SQLException cause) {
        super(cause);
    }
}
