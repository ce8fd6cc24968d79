package io.switchboard.bench.reporting;

import java.util.List;

/** The reporting service's Flyway scripts in order, for benchmarks that build a reporting database by hand. */
final class ReportingSchema {
    static final List<String> SCRIPTS = List.of("V1__projections.sql", "V2__change_sequence.sql",
            "V3__applied_streams.sql", "V4__media.sql", "V5__shared_applied_positions.sql", "V6__organizations.sql",
            "V7__chat_messages.sql", "V20__platform_data_api.sql", "V21__chat_claims_marks.sql",
            "V22__chat_attributes.sql", "V30__dimension_data.sql", "V35__data_jobs.sql",
            "V40__conversation_lifecycle.sql", "V41__call_measures.sql");

    private ReportingSchema() {
    }
}
