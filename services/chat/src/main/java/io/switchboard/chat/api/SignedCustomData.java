package io.switchboard.chat.api;

import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.input.JsonLimits;
import io.switchboard.web.input.JsonPaths;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies {@code signed_data}: an HS256 JWT made with the partner's company secret, with {@code exp}
 * and {@code iat}, whose {@code custom_data} claim holds the fields. Only HS256 is accepted, so a
 * token cannot choose a weaker algorithm (or none). Its lifetime is bounded ({@code exp - iat} at most
 * the configured maximum, {@code iat} not in the future beyond the clock skew), so that the one-time
 * use the caller enforces by {@link Verified#tokenId()} needs to remember a token only briefly. A
 * {@code chat_id} claim, if present, binds the token to that chat.
 */
final class SignedCustomData {
    /** Allowed difference between the client's clock and ours. */
    static final int CLOCK_SKEW_SECONDS = 30;
    private static final int MAX_JTI_LENGTH = 255;
    private static final String FIELD = "signed_data.custom_data";
    private static final JsonLimits VALUE_LIMITS = new JsonLimits(ChatRequests.Limits.ENTRIES, ChatRequests.Limits.KEY,
            ChatRequests.Limits.CUSTOM_VALUE, 4);

    private SignedCustomData() {
    }

    /**
     * The verified fields, the id that makes the token single-use ({@code jti:<jti>}, or for a token
     * without {@code jti} the SHA-256 of its decoded claims, which no re-encoding changes) and the
     * instant after which the token can no longer be accepted ({@code exp} + skew).
     */
    record Verified(Map<String, CustomField> fields, String tokenId, Instant acceptableUntil) {
    }

    static Verified verify(String token, String companySecret, Duration maxLifetime, long chatId) {
        long maxSeconds = maxLifetime.toSeconds();
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setVerificationKey(new HmacKey(companySecret.getBytes(StandardCharsets.UTF_8)))
                    .setRelaxVerificationKeyValidation() // the partner chose the secret; its length is checked when set
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                    .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) Math.min(Integer.MAX_VALUE, maxSeconds + CLOCK_SKEW_SECONDS))
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidSignedData(reason(e));
        }
        try {
            long issuedAt = claims.getIssuedAt().getValue();
            long expires = claims.getExpirationTime().getValue();
            if (expires - issuedAt > maxSeconds) {
                throw new InvalidSignedData("signed_data may live at most " + maxSeconds + " s (exp - iat)");
            }
            requireChat(claims.getClaimValue("chat_id"), chatId);
            String tokenId = tokenId(claims);
            return new Verified(fields(claims), tokenId, Instant.ofEpochSecond(expires).plusSeconds(CLOCK_SKEW_SECONDS));
        } catch (MalformedClaimException e) {
            throw new InvalidSignedData("signed_data has a malformed claim: " + e.getMessage());
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "signed_data has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "signed_data is issued in the future (iat)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return "signed_data was issued too long ago (iat)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "signed_data must carry exp and iat";
        }
        return "signed_data is not a valid HS256 token signed with the company secret (with exp and iat)";
    }

    private static void requireChat(Object claim, long chatId) {
        if (claim != null && !claim.toString().equals(Long.toString(chatId))) {
            throw new InvalidSignedData("signed_data is for another chat (chat_id)");
        }
    }

    private static String tokenId(JwtClaims claims) throws MalformedClaimException {
        if (claims.hasClaim("jti")) {
            String jti = claims.getJwtId();
            if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
                throw new InvalidSignedData("signed_data's jti must be 1 to " + MAX_JTI_LENGTH + " characters");
            }
            return "jti:" + jti;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(claims.getRawJson().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The fields, held to the limits of plain custom data. */
    private static Map<String, CustomField> fields(JwtClaims claims) {
        Object customData = claims.getClaimValue("custom_data");
        if (!(customData instanceof Map<?, ?> fields)) {
            throw new InvalidSignedData("signed_data has no custom_data object");
        }
        if (fields.size() > ChatRequests.Limits.ENTRIES) {
            throw new InvalidCommandException(FIELD, "custom_data has more than " + ChatRequests.Limits.ENTRIES + " fields");
        }
        Map<String, CustomField> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> field)) {
                throw new InvalidSignedData("custom_data." + entry.getKey() + " must be an object with a value");
            }
            String name = entry.getKey().toString();
            Object label = field.get("label");
            String at = FIELD + "." + JsonPaths.printable(name);
            if (name.length() > ChatRequests.Limits.KEY) {
                throw new InvalidCommandException(FIELD, "a custom_data key is longer than " + ChatRequests.Limits.KEY + " characters");
            }
            if (label != null && label.toString().length() > ChatRequests.Limits.NAME) {
                throw new InvalidCommandException(at + ".label", "label is at most " + ChatRequests.Limits.NAME + " characters");
            }
            VALUE_LIMITS.check(field.get("value")).ifPresent(violation -> {
                throw new InvalidCommandException(at + ".value" + (violation.path().isEmpty() || violation.path().startsWith("[") ? "" : ".") + violation.path(),
                        violation.message());
            });
            result.put(name, new CustomField(label == null ? null : label.toString(), field.get("value")));
        }
        return result;
    }

    /** The signed data cannot be trusted: wrong signature or algorithm, expired, too long-lived, another chat's, or not a JWT. */
    static final class InvalidSignedData extends RuntimeException {
        InvalidSignedData(String message) {
            super(message, null, false, false);
        }
    }

    /** The token was used before (its {@code jti}, or the very same token): one-time use. */
    static final class ReplayedSignedData extends RuntimeException {
        ReplayedSignedData() {
            super("signed_data was already used; sign a new token (with a new jti) for each submission", null, false, false);
        }
    }
}
