package io.switchboard.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer loop feeding a read model from Kafka, the one way every read model is fed:
 * <ol>
 *   <li>a polling thread owns the Kafka consumer (manual commits) and decodes each record with the
 *       envelope codec of libs/events into a small queue (two batches; the partitions are paused while it
 *       is full, but polling goes on, so a loop that waits never leaves its group);</li>
 *   <li>an applying thread parks what cannot be decoded (not an envelope, a tombstone, a payload that does
 *       not match its type) in {@code consumer_dead_letters} and goes on;</li>
 *   <li>tracks heartbeats ({@link Heartbeat}) per writing service; they and every other event of the
 *       partner {@code _system} never reach the read model;</li>
 *   <li>hands the other events to the read model's handler, which deduplicates in the effect's transaction
 *       ({@link io.switchboard.consumer.positions.AppliedPositions}); any failure is retried with capped
 *       exponential back-off, forever: a decodable event is never skipped;</li>
 *   <li>marks the batch processed and commits its offsets only then (at-least-once delivery, exactly-once
 *       effect).</li>
 * </ol>
 * A rebuild ({@link #rebuild()}) commits the beginning offsets, empties the read model's tables and its
 * applied positions in one transaction, and replays the topics from the start.
 */
public final class ReadModelConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReadModelConsumer.class);
    /** The longest poll while batches are on their way through the loop (to resume, commit and hand over). */
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * Offsets are committed at most this often (and synchronously when partitions go or the loop stops): the
     * ledger, not Kafka, says what was applied, so a commit only shortens the replay after a crash, and one
     * commit per small batch was a request per batch per loop at the broker.
     */
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    /** Polled batches waiting for the applier before the partitions are paused. */
    private static final int QUEUED_BATCHES = 2;

    private final ConsumerSpec spec;
    private final ConsumerSettings settings;
    private final Ledger ledger;
    private final EventCodec codec;
    private final Clock clock;
    private final ConsumerMetrics metrics;

    private final LinkedBlockingQueue<Polled> queue = new LinkedBlockingQueue<>();
    /** Batches polled and not yet done with (queued or being applied). */
    private final AtomicInteger pending = new AtomicInteger();
    /** Per assigned partition, the offset of the first record not applied yet. */
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    /** Partitions replaying history: the log end they had when the replay began. */
    private final Map<TopicPartition, Long> replayTargets = new ConcurrentHashMap<>();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> rebuilds = new ConcurrentLinkedQueue<>();
    private final AtomicLong parked = new AtomicLong();
    private volatile Instant endsAt = Instant.EPOCH;
    private Instant commitDue = Instant.EPOCH;
    private long lingerUntil = System.nanoTime();
    private int fullPoll = ConsumerConfig.DEFAULT_MAX_POLL_RECORDS;
    private long lingerNanos;
    private volatile Instant failingSince;
    private volatile String lastError;
    private volatile boolean running;
    /** Set while a rebuild takes over: the batch in hand is dropped, neither applied further nor marked. */
    private volatile boolean abandon;
    private Thread poller;
    private Thread applier;

    public ReadModelConsumer(ConsumerSpec spec, ConsumerSettings settings, Ledger ledger, MeterRegistry meters,
                             EventCodec codec, Clock clock) {
        this.spec = spec;
        this.settings = settings;
        this.ledger = ledger;
        this.codec = codec;
        this.clock = clock;
        this.metrics = new ConsumerMetrics(meters, spec.name(), spec.readModel(), this);
    }

    public ConsumerSpec spec() {
        return spec;
    }

    /**
     * Whether an event is about the pipeline rather than a partner's domain: a heartbeat, or anything of
     * the system partner. No read model ever applies one (and {@code _system} never appears as a partner).
     */
    public static boolean isSystem(EventEnvelope event) {
        return event.data() instanceof Heartbeat || SystemEvents.SYSTEM_PARTNER.equals(event.partnerId());
    }

    public synchronized ReadModelConsumer start() {
        if (running) {
            return this;
        }
        try {
            parked.set(ledger.parked(spec.name()));
            heartbeats.putAll(ledger.heartbeats(spec.name()));
            metrics.heartbeatSources(heartbeats, this::heartbeats, clock);
        } catch (Exception e) {
            LOG.warnf("consumer %s cannot read its parked records and heartbeats yet (%s); starting without them",
                    spec.name(), e.toString());
        }
        running = true;
        applier = new Thread(this::applyLoop, "consumer-" + spec.name() + "-apply");
        applier.setDaemon(true);
        poller = new Thread(this::pollLoop, "consumer-" + spec.name() + "-poll");
        poller.setDaemon(true);
        applier.start();
        poller.start();
        LOG.infof("consumer %s (read model %s, group %s) started on %s", spec.name(), spec.readModel(), spec.groupId(),
                spec.topics());
        return this;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        join(applier, true);
        // The poller notices within one poll, commits what was applied and closes its consumer.
        join(poller, false);
    }

    private static void join(Thread thread, boolean interrupt) {
        if (thread == null) {
            return;
        }
        if (interrupt) {
            thread.interrupt();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per writing service, the emittedAt of the newest heartbeat applied. */
    public Map<String, Instant> heartbeats() {
        return Map.copyOf(heartbeats);
    }

    /** Per assigned partition, the offset of the first record the read model does not contain yet. */
    public Map<TopicPartition, Long> nextToProcess() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long position = next.get(partition);
            if (position != null) {
                positions.put(partition, position);
            }
        }
        return positions;
    }

    public boolean caughtUp() {
        return status().caughtUp();
    }

    public ConsumerStatus status() {
        Instant now = clock.instant();
        Duration maxAge = Duration.ofMillis(Math.max(2_000, settings.refresh().toMillis() * 4));
        boolean fresh = Duration.between(endsAt, now).compareTo(maxAge) <= 0;
        // Records polled but not yet applied (queued or in the applier) are behind whatever the log ends said
        // when they were last read: the ends may predate them.
        boolean caughtUp = running && fresh && !assigned.isEmpty() && pending.get() == 0 && failingSince == null;
        long lag = 0;
        for (TopicPartition partition : assigned) {
            Long end = ends.get(partition);
            long position = next.getOrDefault(partition, 0L);
            if (end == null) {
                caughtUp = false;
            } else {
                lag += Math.max(0, end - position);
                caughtUp &= position >= end;
            }
        }
        Instant failing = failingSince;
        double stuck = failing == null ? 0 : Duration.between(failing, now).toMillis() / 1000.0;
        return new ConsumerStatus(spec.name(), spec.readModel(), spec.topics(), spec.groupId(), running, assigned.size(),
                lag, caughtUp, !replayTargets.isEmpty(), stuck, failing == null ? null : lastError, parked.get(),
                heartbeats(), spec.rebuildable());
    }

    /** True while the batch in hand has been failing for longer than the configured time. */
    public boolean stuck() {
        return status().stuckSeconds() > settings.stuckAfter().toMillis() / 1000.0;
    }

    /**
     * Rebuilds the read model from the topics: the consumer group's offsets go back to the beginning (so a
     * crash from here on replays from the start too), the read model's tables, its applied positions and
     * this consumer's heartbeats are emptied in one transaction, and the loop replays. Completes when the
     * replay has begun; {@link ConsumerStatus#replaying()} says when it is over. Assumes this loop is the
     * group's only member.
     */
    public CompletableFuture<Void> rebuild() {
        if (!spec.rebuildable()) {
            throw new IllegalStateException("read model " + spec.readModel() + " is not rebuilt by its consumer");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Picked up by the polling thread within one poll (it alone may touch the Kafka consumer).
        rebuilds.add(done);
        return done;
    }

    // --- polling thread ---------------------------------------------------------------------------

    private void pollLoop() {
        Map<String, Object> properties = new HashMap<>(settings.kafka());
        properties.putAll(spec.kafka());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Idle cost (README.md, "Idle cost"): an empty fetch waits this long at the broker; records end it at
        // once (fetch.min.bytes 1, the default), so it costs no lag — only how often an idle loop asks (twice as
        // seldom as the default 500 ms). Not longer: closing the consumer waits for the fetch in flight (with
        // 5 s every stop and every test took ≈ 4 s longer). A loop that sets fetch.min.bytes sets this too.
        properties.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1_000);
        // A killed instance never leaves its group: its partitions wait for the session to time out before its
        // restarted successor gets them. The fault suite saw interaction's read models stand still for the
        // client's default 45 s after a kill -9; 10 s (heartbeats every 3 s) bounds that pause.
        properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        // A poll that fills (half) its quota finds records waiting already: only a smaller one lingers.
        fullPoll = Integer.parseInt(String.valueOf(properties.getOrDefault(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                ConsumerConfig.DEFAULT_MAX_POLL_RECORDS)));
        // A loop that makes the broker hold its fetches (fetch.min.bytes, e.g. reporting's) batches there already.
        lingerNanos = Integer.parseInt(String.valueOf(properties.getOrDefault(ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                ConsumerConfig.DEFAULT_FETCH_MIN_BYTES))) > 1 ? 0 : settings.linger().toNanos();
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(spec.topics(), new Rebalance(consumer));
                while (running) {
                    pollOnce(consumer);
                }
                commit(consumer, true);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.errorf(e, "consumer %s lost its Kafka consumer; starting a new one", spec.name());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    }
                }
            } finally {
                forget(new ArrayList<>(assigned));
            }
        }
    }

    private void pollOnce(KafkaConsumer<String, byte[]> consumer) {
        try {
            linger();
            if (!clock.instant().isBefore(commitDue)) {
                commit(consumer, false);
                commitDue = clock.instant().plus(COMMIT_EVERY);
            }
            for (CompletableFuture<Void> rebuild; (rebuild = rebuilds.poll()) != null; ) {
                reset(consumer, rebuild);
            }
            refreshEnds(consumer);
            if (pending.get() >= QUEUED_BATCHES) {
                consumer.pause(consumer.assignment());
            } else if (!consumer.paused().isEmpty()) {
                consumer.resume(consumer.paused());
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout(consumer));
            if (!records.isEmpty()) {
                pending.incrementAndGet();
                queue.add(decode(records));
                if (records.count() < fullPoll / 2) {
                    lingerUntil = System.nanoTime() + lingerNanos;
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            Thread.interrupted();
        }
    }

    /** After a poll that brought a few records, lets more gather before the next fetch (ConsumerSettings#linger). */
    private void linger() throws InterruptedException {
        long wait = lingerUntil - System.nanoTime();
        if (wait > 0 && running) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * How long one poll may wait for records (which end the wait as soon as they arrive). While batches are
     * on their way (or partitions paused, a rebuild asked for, the group being joined) the loop comes back
     * every 100 ms to resume, commit and pick the rebuild up; an idle loop sleeps until its next refresh of
     * the log ends is due, so it wakes up only as often as it must ask for them.
     */
    private Duration pollTimeout(KafkaConsumer<String, byte[]> consumer) {
        if (pending.get() > 0 || assigned.isEmpty() || !rebuilds.isEmpty() || !consumer.paused().isEmpty()) {
            return POLL;
        }
        Duration untilRefresh = Duration.between(clock.instant(), endsAt.plus(settings.refresh()));
        if (untilRefresh.compareTo(settings.refresh()) > 0) {
            untilRefresh = settings.refresh();
        }
        return untilRefresh.compareTo(POLL) < 0 ? POLL : untilRefresh;
    }

    private Polled decode(ConsumerRecords<String, byte[]> records) {
        List<EventEnvelope> events = new ArrayList<>(records.count());
        long[] timestamps = new long[records.count()];
        List<Ledger.DeadLetter> deadLetters = new ArrayList<>();
        Map<String, Instant> beats = new HashMap<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> ofPartition = records.records(partition);
            for (ConsumerRecord<String, byte[]> record : ofPartition) {
                EventEnvelope envelope;
                try {
                    if (record.value() == null) {
                        throw new IllegalArgumentException("a tombstone: the record has no value");
                    }
                    envelope = codec.decode(record.value());
                } catch (RuntimeException undecodable) {
                    deadLetters.add(new Ledger.DeadLetter(record.topic(), record.partition(), record.offset(),
                            record.key(), record.value(), undecodable.toString()));
                    continue;
                }
                if (envelope.data() instanceof Heartbeat beat) {
                    if (beat.source() != null && beat.emittedAt() != null) {
                        beats.merge(beat.source(), beat.emittedAt(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                } else if (isSystem(envelope)) {
                    LOG.debugf("consumer %s passes over system event %s %s", spec.name(), envelope.type(), envelope.eventId());
                } else {
                    timestamps[events.size()] = record.timestamp();
                    events.add(envelope);
                }
            }
            nextOffsets.put(partition, ofPartition.get(ofPartition.size() - 1).offset() + 1);
        }
        return new Polled(events, java.util.Arrays.copyOf(timestamps, events.size()), deadLetters, beats, nextOffsets);
    }

    private void refreshEnds(KafkaConsumer<String, byte[]> consumer) {
        Instant now = clock.instant();
        if (assigned.isEmpty() || Duration.between(endsAt, now).compareTo(settings.refresh()) < 0) {
            return;
        }
        try {
            ends.putAll(consumer.endOffsets(new HashSet<>(assigned), Duration.ofSeconds(2)));
            endsAt = now;
        } catch (RuntimeException e) {
            LOG.debugf("consumer %s cannot read the log-end offsets: %s", spec.name(), e.toString());
        }
    }

    /** Commits what has been applied since the last commit (synchronously when partitions go or the loop stops). */
    private void commit(KafkaConsumer<String, byte[]> consumer, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long position = next.get(partition);
            if (position != null && !position.equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
                offsets.forEach((p, o) -> committed.put(p, o.offset()));
            } catch (RuntimeException e) {
                LOG.warnf("consumer %s could not commit %s: %s (the records are redelivered and deduplicated)",
                        spec.name(), offsets, e.toString());
            }
        } else {
            offsets.forEach((p, o) -> committed.put(p, o.offset()));
            consumer.commitAsync(offsets, (done, failure) -> {
                if (failure != null) {
                    done.keySet().forEach(committed::remove);
                    LOG.debugf("consumer %s could not commit: %s", spec.name(), failure.toString());
                }
            });
        }
    }

    private void reset(KafkaConsumer<String, byte[]> consumer, CompletableFuture<Void> done) {
        abandon = true;
        try {
            List<Polled> dropped = new ArrayList<>();
            queue.drainTo(dropped);
            pending.addAndGet(-dropped.size());
            awaitApplied();
            Set<TopicPartition> partitions = consumer.assignment();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("consumer " + spec.name() + " has no partitions assigned yet");
            }
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            beginnings.forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
            // First the offsets: from here on a crash replays from the start, whether or not the tables were emptied.
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            committed.putAll(beginnings);
            ledger.reset(spec.name(), spec.readModel(), spec.resetTables());
            heartbeats.clear();
            beginnings.forEach(consumer::seek);
            next.putAll(beginnings);
            Map<TopicPartition, Long> endsNow = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            ends.putAll(endsNow);
            endsAt = clock.instant();
            replayTargets.clear();
            endsNow.forEach((p, end) -> {
                if (end > beginnings.getOrDefault(p, 0L)) {
                    replayTargets.put(p, end);
                }
            });
            LOG.infof("consumer %s: read model %s emptied (%s); replaying %s from the beginning", spec.name(),
                    spec.readModel(), spec.resetTables(), spec.topics());
            done.complete(null);
        } catch (Exception e) {
            LOG.errorf(e, "consumer %s could not start the rebuild of %s", spec.name(), spec.readModel());
            done.completeExceptionally(e);
        } finally {
            abandon = false;
        }
    }

    /** Waits until every polled batch is applied (or dropped, while stopping or rebuilding). */
    private void awaitApplied() {
        while (pending.get() > 0 && running) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        partitions.forEach(p -> {
            next.remove(p);
            ends.remove(p);
            committed.remove(p);
            replayTargets.remove(p);
        });
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> set = new HashSet<>(partitions);
            Map<TopicPartition, OffsetAndMetadata> groupOffsets = consumer.committed(set);
            Map<TopicPartition, Long> endsNow = consumer.endOffsets(set);
            for (TopicPartition partition : partitions) {
                long position = consumer.position(partition);
                next.put(partition, position);
                committed.put(partition, position);
                Long end = endsNow.get(partition);
                if (end != null) {
                    ends.put(partition, end);
                    // No committed offset: the group reads this partition from its beginning, history it never applied.
                    if (groupOffsets.get(partition) == null && end > position) {
                        replayTargets.put(partition, end);
                    }
                }
            }
            assigned.addAll(partitions);
            endsAt = clock.instant();
            if (pending.get() >= QUEUED_BATCHES) {
                consumer.pause(partitions);
            }
            LOG.debugf("consumer %s assigned %s", spec.name(), partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // What was polled is applied first, so the commit covers it and the next owner does not redo it.
            awaitApplied();
            commit(consumer, true);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }
    }

    // --- applying thread --------------------------------------------------------------------------

    private void applyLoop() {
        while (running) {
            Polled polled;
            try {
                // close() interrupts this wait; the timeout only bounds a missed interrupt.
                polled = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (polled == null) {
                continue;
            }
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        spec.gate().around(() -> apply(polled));
                        break;
                    } catch (Abandoned stop) {
                        break;
                    } catch (Exception e) {
                        if (!running || abandon) {
                            break;
                        }
                        failed("gate", attempt, e);
                    }
                }
            } catch (Abandoned stop) {
                // stopping or rebuilding
            } finally {
                failingSince = null;
                lastError = null;
                pending.decrementAndGet();
            }
        }
    }

    private void apply(Polled polled) throws Abandoned {
        if (!polled.deadLettersParked && !polled.deadLetters.isEmpty()) {
            long total = retrying("park", () -> {
                ledger.park(spec.name(), polled.deadLetters);
                return ledger.parked(spec.name());
            });
            for (Ledger.DeadLetter letter : polled.deadLetters) {
                // Never the value itself: it may hold personal data. It is in consumer_dead_letters.
                LOG.errorf("consumer %s parked record %s-%d@%d (key %s, %d bytes) that is not a decodable event envelope: %s",
                        spec.name(), letter.topic(), letter.partition(), letter.offset(), letter.key(),
                        letter.value() == null ? 0 : letter.value().length, errorClass(letter.error()));
            }
            parked.set(total);
            metrics.parked(polled.deadLetters.size());
            polled.deadLettersParked = true;
        }
        if (polled.batch == null) {
            polled.batch = new Batch(polled.events, replayingAfter(polled), polled.timestamps);
        }
        Batch batch = polled.batch;
        if (spec.recordHandler() != null) {
            for (; polled.recordsDone < batch.events().size(); polled.recordsDone++) {
                EventEnvelope event = batch.events().get(polled.recordsDone);
                boolean fresh = retrying("apply " + event.type() + " " + event.eventId(),
                        () -> spec.recordHandler().apply(event));
                metrics.applied(fresh ? 1 : 0, fresh ? 0 : 1);
            }
        } else if (!polled.effectsDone && !batch.events().isEmpty()) {
            int applied = retrying("apply a batch of " + batch.events().size() + " events",
                    () -> spec.batchHandler().apply(batch));
            metrics.applied(applied, batch.events().size() - applied);
            polled.effectsDone = true;
        }
        if (spec.afterBatch() != null && !polled.afterDone) {
            retrying("after the batch", () -> {
                spec.afterBatch().run(batch);
                return null;
            });
            polled.afterDone = true;
        }
        if (!polled.heartbeats.isEmpty() && !polled.heartbeatsDone) {
            retrying("record heartbeats", () -> {
                ledger.heartbeats(spec.name(), polled.heartbeats);
                return null;
            });
            polled.heartbeats.forEach((source, at) -> heartbeats.merge(source, at, (a, b) -> a.isAfter(b) ? a : b));
            metrics.heartbeatSources(polled.heartbeats, this::heartbeats, clock);
            polled.heartbeatsDone = true;
        }
        if (abandon) {
            throw new Abandoned();
        }
        polled.nextOffsets.forEach((p, offset) -> next.merge(p, offset, Math::max));
        replayTargets.entrySet().removeIf(target -> next.getOrDefault(target.getKey(), 0L) >= target.getValue());
        if (failingSince != null) {
            LOG.infof("consumer %s applied the batch it was retrying", spec.name());
        }
        failingSince = null;
        lastError = null;
    }

    /** Whether, after this batch, a partition is still short of the log end its replay began with. */
    private boolean replayingAfter(Polled polled) {
        for (Map.Entry<TopicPartition, Long> target : replayTargets.entrySet()) {
            long after = Math.max(next.getOrDefault(target.getKey(), 0L),
                    polled.nextOffsets.getOrDefault(target.getKey(), 0L));
            if (after < target.getValue()) {
                return true;
            }
        }
        return false;
    }

    private <T> T retrying(String step, Callable<T> action) throws Abandoned {
        for (int attempt = 1; ; attempt++) {
            if (!running || abandon) {
                throw new Abandoned();
            }
            try {
                return action.call();
            } catch (Throwable e) {
                if (!running || abandon) {
                    throw new Abandoned();
                }
                failed(step, attempt, e);
            }
        }
    }

    private void failed(String step, int attempt, Throwable e) throws Abandoned {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        lastError = e.getClass().getName();
        metrics.retried();
        Duration wait = settings.backoff().after(attempt);
        if (attempt == 1 || attempt % 20 == 0) {
            LOG.warnf(e, "consumer %s cannot %s (attempt %d, failing for %.1f s); retrying in %d ms", spec.name(), step,
                    attempt, status().stuckSeconds(), wait.toMillis());
        } else {
            LOG.warnf("consumer %s cannot %s (attempt %d, failing for %.1f s): %s; retrying in %d ms", spec.name(), step,
                    attempt, status().stuckSeconds(), e.toString(), wait.toMillis());
        }
        if (!sleepQuietly(wait)) {
            throw new Abandoned();
        }
    }

    private static String errorClass(String error) {
        int colon = error.indexOf(':');
        return colon < 0 ? error : error.substring(0, colon);
    }

    /** @return false if interrupted while stopping */
    private boolean sleepQuietly(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (running && !abandon) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
            } catch (InterruptedException e) {
                if (!running) {
                    return false;
                }
            }
        }
        return running && !abandon;
    }

    /** One polled batch, decoded; the flags keep a retried batch from redoing the steps that succeeded. */
    private static final class Polled {
        final List<EventEnvelope> events;
        final long[] timestamps;
        final List<Ledger.DeadLetter> deadLetters;
        final Map<String, Instant> heartbeats;
        final Map<TopicPartition, Long> nextOffsets;
        Batch batch;
        boolean deadLettersParked;
        int recordsDone;
        boolean effectsDone;
        boolean afterDone;
        boolean heartbeatsDone;

        Polled(List<EventEnvelope> events, long[] timestamps, List<Ledger.DeadLetter> deadLetters,
               Map<String, Instant> heartbeats, Map<TopicPartition, Long> nextOffsets) {
            this.events = events;
            this.timestamps = timestamps;
            this.deadLetters = deadLetters;
            this.heartbeats = new LinkedHashMap<>(heartbeats);
            this.nextOffsets = nextOffsets;
        }
    }

    /** The loop is stopping or rebuilding: the batch in hand is dropped. */
    private static final class Abandoned extends Exception {
        Abandoned() {
            super(null, null, false, false);
        }
    }
}
