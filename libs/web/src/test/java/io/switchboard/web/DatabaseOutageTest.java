package io.switchboard.web;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @Test
    void outagesAreRecognisedAnywhereInTheCauseChain() {
        assertThat(DatabaseOutage.in(new CompletionException(new ConnectException("Connection refused")))).isPresent();
        assertThat(DatabaseOutage.in(ClosedConnectionException.INSTANCE)).isPresent();
        assertThat(DatabaseOutage.in(new PgException("the database system is starting up", "FATAL", "57P03", null))).isPresent();
        assertThat(DatabaseOutage.in(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null))).isPresent();
        assertThat(DatabaseOutage.in(new RuntimeException(new SQLException("An I/O error occurred", "08006")))).isPresent();
        assertThat(DatabaseOutage.in(new SQLException("Sorry, acquisition timeout!"))).isPresent();
    }

    @Test
    void otherDatabaseErrorsAreNotOutages() {
        assertThat(DatabaseOutage.in(new PgException("duplicate key value", "ERROR", "23505", null))).isEmpty();
        assertThat(DatabaseOutage.in(new SQLException("syntax error", "42601"))).isEmpty();
        assertThat(DatabaseOutage.in(new IllegalStateException("boom"))).isEmpty();
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseOutage.in(a)).isEmpty();
    }
}
