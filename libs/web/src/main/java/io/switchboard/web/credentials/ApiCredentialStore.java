package io.switchboard.web.credentials;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues, lists, revokes and verifies API credentials. A token is {@code sb_<id>_<secret>} with 256
 * random bits of secret; only the secret's SHA-256 is stored (a slow hash buys nothing for a random
 * 256-bit secret, and Basic auth checks it on every request).
 */
@ApplicationScoped
public class ApiCredentialStore {
    private static final Pattern TOKEN = Pattern.compile("sb_([0-9]{1,18})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Clock clock;

    public ApiCredentialStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<ApiCredential> issue(String partnerId, String name, List<String> roles, String issuedBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = WireTime.now(clock);
        return pool.preparedQuery("""
                        INSERT INTO api_credentials (partner_id, name, roles, secret_hash, created_at, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
                .execute(Tuple.of(partnerId, name, roles.toArray(String[]::new),
                        io.vertx.core.buffer.Buffer.buffer(sha256(encoded)), now.atOffset(ZoneOffset.UTC), issuedBy))
                .map(rows -> {
                    long id = rows.iterator().next().getLong(0);
                    return new ApiCredential(id, name, partnerId, List.copyOf(roles), now, null, "sb_" + id + "_" + encoded);
                });
    }

    public Uni<List<ApiCredential>> list(String partnerId) {
        return pool.preparedQuery("""
                        SELECT id, name, partner_id, roles, created_at, revoked_at FROM api_credentials
                        WHERE partner_id = $1 ORDER BY id""")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    List<ApiCredential> all = new ArrayList<>();
                    rows.forEach(row -> all.add(credential(row)));
                    return all;
                });
    }

    /** Revokes the partner's credential; false if the partner has no such credential. Revoking twice is fine. */
    public Uni<Boolean> revoke(String partnerId, long id) {
        return pool.preparedQuery("""
                        UPDATE api_credentials SET revoked_at = coalesce(revoked_at, $3)
                        WHERE partner_id = $1 AND id = $2""")
                .execute(Tuple.of(partnerId, id, WireTime.now(clock).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The live credential {@code token} names, if it belongs to {@code partnerId} and its secret matches. */
    public Uni<Optional<ApiCredential>> verify(String partnerId, String token) {
        return verify(token).map(found -> found.filter(credential -> credential.partnerId().equals(partnerId)));
    }

    /**
     * The live credential {@code token} names, whatever its partner, if its secret matches: for a client that
     * presents the token alone (a bearer API key), the credential says which partner it acts for.
     */
    public Uni<Optional<ApiCredential>> verify(String token) {
        Matcher matcher = TOKEN.matcher(token == null ? "" : token);
        if (!matcher.matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        byte[] presented = sha256(matcher.group(2));
        return pool.preparedQuery("""
                        SELECT id, name, partner_id, roles, created_at, revoked_at, secret_hash FROM api_credentials
                        WHERE id = $1 AND revoked_at IS NULL""")
                .execute(Tuple.of(Long.parseLong(matcher.group(1))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<ApiCredential>empty();
                    }
                    Row row = rows.iterator().next();
                    boolean matches = MessageDigest.isEqual(presented, row.getBuffer("secret_hash").getBytes());
                    return matches ? Optional.of(credential(row)) : Optional.<ApiCredential>empty();
                });
    }

    private static ApiCredential credential(Row row) {
        return new ApiCredential(row.getLong("id"), row.getString("name"), row.getString("partner_id"),
                Arrays.asList(row.getArrayOfStrings("roles")), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("revoked_at") == null ? null : row.getOffsetDateTime("revoked_at").toInstant(), null);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
