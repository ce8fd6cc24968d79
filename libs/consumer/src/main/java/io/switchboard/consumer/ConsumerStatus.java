package io.switchboard.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A loop at one moment, for health, the admin endpoint and the read side's watermark.
 *
 * @param caughtUp     every assigned partition processed up to its log end at the last refresh
 * @param replaying    replaying history it had not applied (new group, rebuild)
 * @param stuckSeconds how long the batch in hand has been failing (0 when not failing)
 * @param lastError    the last failure's exception class and message (no record content), while failing
 * @param parked       records of this consumer in {@code consumer_dead_letters}
 * @param heartbeats   per writing service, the emittedAt of the newest heartbeat applied
 */
public record ConsumerStatus(String name, String readModel, List<String> topics, String groupId, boolean running,
                             int assignedPartitions, long lagRecords, boolean caughtUp, boolean replaying,
                             double stuckSeconds, String lastError, long parked, Map<String, Instant> heartbeats,
                             boolean rebuildable) {
}
