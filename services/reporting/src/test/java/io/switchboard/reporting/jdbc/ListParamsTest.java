package io.switchboard.reporting.jdbc;

import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListParamsTest {

    private static ListParams params(String... pairs) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return new ListParams(query);
    }

    private static void rejected(Runnable read, String field) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(InvalidCommandException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void givenTheExtractorsParametersWhenTheListReadsItsFiltersThenNothingIsUnknown() {
        ListParams params = params("updated_at[from]", "2026-01-01T00:00:00.000Z", "sort_column", "updated_at",
                "sort_direction", "ASC", "page", "1", "per", "100", "time_zone", "UTC", "limit", "5", "cursor", "0");
        assertThat(params.from("updated_at")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        params.rejectUnknown();
    }

    @Test
    void givenAParameterTheListDidNotAskForWhenCheckedThenItIsA400NamingIt() {
        ListParams params = params("updated_at[from]", "2026-01-01T00:00:00Z", "status", "queued");
        params.from("updated_at");
        params.strings("status");
        rejected(params::rejectUnknown, "status");
        ListParams bracketed = params("status[]", "queued", "agent_id[]", "7");
        bracketed.strings("status");
        rejected(bracketed::rejectUnknown, "agent_id[]");
    }

    @Test
    void givenDatesOutOfRangeWhenReadThenA400NamesTheParameter() {
        rejected(() -> params("updated_at[from]", "+9999999-01-01T00:00:00Z").from("updated_at"), "updated_at[from]");
        rejected(() -> params("created_at[to]", "0000-01-01T00:00:00Z").to("created_at"), "created_at[to]");
        rejected(() -> params("time_zone", "America/New_York", "updated_at[to]", "99999-01-01T00:00:00").to("updated_at"),
                "updated_at[to]");
    }

    @Test
    void givenTooManyOrTooLongValuesWhenReadThenA400NamesTheFilter() {
        rejected(() -> params("id[]", String.join(",", Collections.nCopies(101, "1"))).ids("id"), "id[]");
        rejected(() -> params("name[]", "x".repeat(256)).strings("name"), "name[]");
        rejected(() -> params("id[]", "1.5").ids("id"), "id[]");
        assertThat(params("id[]", "1,2", "id[]", "3").ids("id")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(params("name[]", "Sales, East").strings("name")).isEqualTo(List.of("Sales, East"));
    }
}
