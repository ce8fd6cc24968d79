package io.switchboard.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one consumer loop feeds: its name (unique in the service; metrics, health, dead letters), the read
 * model it writes (the deduplication key; several loops may feed one read model), the topics and consumer
 * group, Kafka client overrides, and either a {@link BatchHandler} or a {@link RecordHandler}.
 *
 * @param resetTables the read model's tables: a rebuild empties them (with the read model's applied
 *                    positions) and replays the topics from the beginning. Empty: the read model is not
 *                    rebuilt this way (reporting rebuilds without downtime on its own).
 */
public record ConsumerSpec(String name, String readModel, List<String> topics, String groupId,
                           Map<String, Object> kafka, BatchHandler batchHandler, RecordHandler recordHandler,
                           AfterBatch afterBatch, Gate gate, List<String> resetTables) {

    public ConsumerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readModel, "readModel");
        Objects.requireNonNull(groupId, "groupId");
        topics = List.copyOf(topics);
        kafka = Map.copyOf(kafka);
        resetTables = List.copyOf(resetTables);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("consumer " + name + " has no topic");
        }
        if ((batchHandler == null) == (recordHandler == null)) {
            throw new IllegalArgumentException("consumer " + name + " needs exactly one of a batch or a record handler");
        }
        for (String table : resetTables) {
            if (!table.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
        }
        gate = gate == null ? Gate.OPEN : gate;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public boolean rebuildable() {
        return !resetTables.isEmpty();
    }

    public static final class Builder {
        private final String name;
        private String readModel;
        private List<String> topics = List.of();
        private String groupId;
        private final Map<String, Object> kafka = new LinkedHashMap<>();
        private BatchHandler batchHandler;
        private RecordHandler recordHandler;
        private AfterBatch afterBatch;
        private Gate gate;
        private List<String> resetTables = List.of();

        private Builder(String name) {
            this.name = name;
        }

        /** The deduplication key; defaults to the consumer's name. */
        public Builder readModel(String readModel) {
            this.readModel = readModel;
            return this;
        }

        public Builder topics(String... topics) {
            this.topics = List.of(topics);
            return this;
        }

        public Builder group(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** A Kafka consumer property for this loop only (e.g. {@code max.poll.records}). */
        public Builder kafka(String property, Object value) {
            kafka.put(property, value);
            return this;
        }

        public Builder batches(BatchHandler handler) {
            this.batchHandler = handler;
            return this;
        }

        public Builder records(RecordHandler handler) {
            this.recordHandler = handler;
            return this;
        }

        public Builder afterBatch(AfterBatch afterBatch) {
            this.afterBatch = afterBatch;
            return this;
        }

        public Builder gate(Gate gate) {
            this.gate = gate;
            return this;
        }

        /** The read model's tables, which a rebuild empties before replaying the topics. */
        public Builder rebuildable(String... tables) {
            this.resetTables = List.of(tables);
            return this;
        }

        public ConsumerSpec build() {
            return new ConsumerSpec(name, readModel == null ? name : readModel, topics, groupId, kafka, batchHandler,
                    recordHandler, afterBatch, gate, resetTables);
        }
    }
}
