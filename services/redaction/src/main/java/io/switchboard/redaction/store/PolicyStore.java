package io.switchboard.redaction.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.redaction.domain.CustomEntity;
import io.switchboard.redaction.domain.EntityTypes;
import io.switchboard.redaction.domain.Intent;
import io.switchboard.redaction.domain.MaskStyle;
import io.switchboard.redaction.domain.PartnerPolicy;
import io.switchboard.redaction.domain.PolicyConflictException;
import io.switchboard.events.WireEnum;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A partner's redaction setup: policy, custom entities, intents (tables of migration V1), and the compiled
 * {@link PartnerPolicy} every analysis runs with. That one is cached per partner for
 * {@code switchboard.redaction.policy-cache-ttl} (10 s) — each message would otherwise read three tables and
 * compile every custom pattern — and dropped at once in this instance when its admin changes something; other
 * instances see the change within the TTL.
 */
@ApplicationScoped
public class PolicyStore {
    /** The policy of a partner that has not set one. */
    public static final PolicySettings DEFAULT_SETTINGS = new PolicySettings(EntityTypes.BUILT_IN, MaskStyle.LABEL, null, null, null);

    private final Pool pool;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PolicyStore(Pool pool, Clock clock, RedactionConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.ttlNanos = config.policyCacheTtl().toNanos();
    }

    /** {@code languages} null: the service's default set. */
    public record PolicySettings(List<String> redactedTypes, MaskStyle maskStyle, Instant updatedAt, String updatedBy,
                                 List<String> languages) {
    }

    public record StoredCustomEntity(long id, String label, String regex, List<String> words, Instant createdAt,
                                     Instant updatedAt) {
    }

    public record StoredIntent(long id, String name, List<String> phrases, Instant createdAt, Instant updatedAt) {
    }

    private record Cached(PartnerPolicy policy, long loadedAt) {
    }

    // ------------------------------------------------------------------ the compiled policy

    public Uni<PartnerPolicy> policy(String partnerId) {
        Cached cached = cache.get(partnerId);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt < ttlNanos) {
            return Uni.createFrom().item(cached.policy);
        }
        return load(partnerId).invoke(policy -> cache.put(partnerId, new Cached(policy, now)));
    }

    private Uni<PartnerPolicy> load(String partnerId) {
        return settings(partnerId).flatMap(settings -> customEntities(partnerId).flatMap(entities -> intents(partnerId)
                .map(intents -> new PartnerPolicy(Set.copyOf(settings.redactedTypes()), settings.maskStyle(),
                        entities.stream().map(e -> CustomEntity.restore(e.label(), e.regex(), e.words())).toList(),
                        intents.stream().map(i -> new Intent(i.name(), i.phrases())).toList(), settings.languages()))));
    }

    private void invalidate(String partnerId) {
        cache.remove(partnerId);
    }

    // ------------------------------------------------------------------ policy

    public Uni<PolicySettings> settings(String partnerId) {
        return pool.preparedQuery("""
                        SELECT redacted_types, mask_style, updated_at, updated_by, languages FROM redaction_policies WHERE partner_id = $1""")
                .execute(Tuple.of(partnerId))
                .map(rows -> rows.size() == 0 ? DEFAULT_SETTINGS : settings(rows.iterator().next()));
    }

    /** {@code languages} null: the service's default set. */
    public Uni<PolicySettings> saveSettings(String partnerId, Set<String> redactedTypes, MaskStyle style,
                                            List<String> languages, String actor) {
        Instant now = now();
        return pool.preparedQuery("""
                        INSERT INTO redaction_policies (partner_id, redacted_types, mask_style, updated_at, updated_by, languages)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (partner_id) DO UPDATE SET redacted_types = EXCLUDED.redacted_types,
                            mask_style = EXCLUDED.mask_style, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
                            languages = EXCLUDED.languages
                        RETURNING redacted_types, mask_style, updated_at, updated_by, languages""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(redactedTypes.toArray(String[]::new)).addValue(style.value())
                        .addValue(now.atOffset(ZoneOffset.UTC)).addValue(actor)
                        .addValue(languages == null ? null : languages.toArray(String[]::new)))
                .map(rows -> settings(rows.iterator().next()))
                .invoke(() -> invalidate(partnerId));
    }

    private static PolicySettings settings(Row row) {
        String[] languages = row.getArrayOfStrings("languages");
        return new PolicySettings(Arrays.asList(row.getArrayOfStrings("redacted_types")),
                WireEnum.of(MaskStyle.class, row.getString("mask_style")), instant(row, "updated_at"), row.getString("updated_by"),
                languages == null ? null : List.of(languages));
    }

    // ------------------------------------------------------------------ custom entities

    public Uni<List<StoredCustomEntity>> customEntities(String partnerId) {
        return pool.preparedQuery("""
                        SELECT id, label, regex, words, created_at, updated_at FROM redaction_custom_entities
                        WHERE partner_id = $1 ORDER BY id""")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    List<StoredCustomEntity> all = new ArrayList<>();
                    rows.forEach(row -> all.add(customEntity(row)));
                    return all;
                });
    }

    public Uni<Optional<StoredCustomEntity>> customEntity(String partnerId, long id) {
        return pool.preparedQuery("""
                        SELECT id, label, regex, words, created_at, updated_at FROM redaction_custom_entities
                        WHERE partner_id = $1 AND id = $2""")
                .execute(Tuple.of(partnerId, id))
                .map(rows -> rows.size() == 0 ? Optional.<StoredCustomEntity>empty() : Optional.of(customEntity(rows.iterator().next())));
    }

    public Uni<StoredCustomEntity> createCustomEntity(String partnerId, CustomEntity entity, String actor) {
        Instant now = now();
        return pool.withTransaction(tx -> capped(tx, partnerId, "redaction_custom_entities",
                PolicyConflictException.MAX_CUSTOM_ENTITIES, "label", "custom entities")
                .chain(() -> tx.preparedQuery("""
                                INSERT INTO redaction_custom_entities (partner_id, label, regex, words, created_at, updated_at, updated_by)
                                VALUES ($1, $2, $3, $4, $5, $5, $6)
                                RETURNING id, label, regex, words, created_at, updated_at""")
                        .execute(Tuple.of(partnerId, entity.label(), entity.regex(), words(entity), now.atOffset(ZoneOffset.UTC), actor))))
                .map(rows -> customEntity(rows.iterator().next()))
                .onFailure(PolicyStore::isUniqueViolation).transform(e -> labelTaken(entity.label()))
                .invoke(() -> invalidate(partnerId));
    }

    public Uni<Optional<StoredCustomEntity>> updateCustomEntity(String partnerId, long id, CustomEntity entity, String actor) {
        return pool.preparedQuery("""
                        UPDATE redaction_custom_entities SET label = $3, regex = $4, words = $5, updated_at = $6, updated_by = $7
                        WHERE partner_id = $1 AND id = $2
                        RETURNING id, label, regex, words, created_at, updated_at""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(id).addValue(entity.label()).addValue(entity.regex())
                        .addValue(words(entity)).addValue(now().atOffset(ZoneOffset.UTC)).addValue(actor))
                .map(rows -> rows.size() == 0 ? Optional.<StoredCustomEntity>empty() : Optional.of(customEntity(rows.iterator().next())))
                .onFailure(PolicyStore::isUniqueViolation).transform(e -> labelTaken(entity.label()))
                .invoke(() -> invalidate(partnerId));
    }

    public Uni<Boolean> deleteCustomEntity(String partnerId, long id) {
        return pool.preparedQuery("DELETE FROM redaction_custom_entities WHERE partner_id = $1 AND id = $2")
                .execute(Tuple.of(partnerId, id)).map(rows -> rows.rowCount() == 1)
                .invoke(() -> invalidate(partnerId));
    }

    private static String[] words(CustomEntity entity) {
        return entity.words() == null ? null : entity.words().toArray(String[]::new);
    }

    private static StoredCustomEntity customEntity(Row row) {
        String[] words = row.getArrayOfStrings("words");
        return new StoredCustomEntity(row.getLong("id"), row.getString("label"), row.getString("regex"),
                words == null ? null : Arrays.asList(words), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static PolicyConflictException labelTaken(String label) {
        return new PolicyConflictException("label", "the partner already has a custom entity labelled " + label);
    }

    // ------------------------------------------------------------------ intents

    public Uni<List<StoredIntent>> intents(String partnerId) {
        return pool.preparedQuery("""
                        SELECT id, name, phrases, created_at, updated_at FROM redaction_intents WHERE partner_id = $1 ORDER BY id""")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    List<StoredIntent> all = new ArrayList<>();
                    rows.forEach(row -> all.add(intent(row)));
                    return all;
                });
    }

    public Uni<Optional<StoredIntent>> intent(String partnerId, long id) {
        return pool.preparedQuery("""
                        SELECT id, name, phrases, created_at, updated_at FROM redaction_intents WHERE partner_id = $1 AND id = $2""")
                .execute(Tuple.of(partnerId, id))
                .map(rows -> rows.size() == 0 ? Optional.<StoredIntent>empty() : Optional.of(intent(rows.iterator().next())));
    }

    public Uni<StoredIntent> createIntent(String partnerId, Intent intent, String actor) {
        Instant now = now();
        return pool.withTransaction(tx -> capped(tx, partnerId, "redaction_intents", PolicyConflictException.MAX_INTENTS,
                        "name", "intents")
                .chain(() -> tx.preparedQuery("""
                                INSERT INTO redaction_intents (partner_id, name, phrases, created_at, updated_at, updated_by)
                                VALUES ($1, $2, $3, $4, $4, $5)
                                RETURNING id, name, phrases, created_at, updated_at""")
                        .execute(Tuple.of(partnerId, intent.name(), intent.phrases().toArray(String[]::new),
                                now.atOffset(ZoneOffset.UTC), actor))))
                .map(rows -> intent(rows.iterator().next()))
                .onFailure(PolicyStore::isUniqueViolation).transform(e -> nameTaken(intent.name()))
                .invoke(() -> invalidate(partnerId));
    }

    public Uni<Optional<StoredIntent>> updateIntent(String partnerId, long id, Intent intent, String actor) {
        return pool.preparedQuery("""
                        UPDATE redaction_intents SET name = $3, phrases = $4, updated_at = $5, updated_by = $6
                        WHERE partner_id = $1 AND id = $2
                        RETURNING id, name, phrases, created_at, updated_at""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(id).addValue(intent.name())
                        .addValue(intent.phrases().toArray(String[]::new)).addValue(now().atOffset(ZoneOffset.UTC)).addValue(actor))
                .map(rows -> rows.size() == 0 ? Optional.<StoredIntent>empty() : Optional.of(intent(rows.iterator().next())))
                .onFailure(PolicyStore::isUniqueViolation).transform(e -> nameTaken(intent.name()))
                .invoke(() -> invalidate(partnerId));
    }

    public Uni<Boolean> deleteIntent(String partnerId, long id) {
        return pool.preparedQuery("DELETE FROM redaction_intents WHERE partner_id = $1 AND id = $2")
                .execute(Tuple.of(partnerId, id)).map(rows -> rows.rowCount() == 1)
                .invoke(() -> invalidate(partnerId));
    }

    private static StoredIntent intent(Row row) {
        return new StoredIntent(row.getLong("id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("phrases")),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static PolicyConflictException nameTaken(String name) {
        return new PolicyConflictException("name", "the partner already has an intent named " + name);
    }

    // ------------------------------------------------------------------ shared

    /**
     * The partner's definitions are counted under a per-partner transaction lock, so two admins adding at
     * once cannot both pass the limit.
     */
    private static Uni<Void> capped(SqlConnection tx, String partnerId, String table, int max, String field, String what) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1 || ':' || $2))").execute(Tuple.of(table, partnerId))
                .chain(() -> tx.preparedQuery("SELECT count(*) FROM " + table + " WHERE partner_id = $1").execute(Tuple.of(partnerId)))
                .map(rows -> {
                    if (rows.iterator().next().getLong(0) >= max) {
                        throw new PolicyConflictException(field, "the partner has " + max + " " + what + " already (the limit); delete one first");
                    }
                    return null;
                });
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
