package io.switchboard.chat.api;

import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.input.JsonLimits;
import io.switchboard.web.input.JsonPaths;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies {@code signed_data}: an HS256 JWT made with the partner's company secret, with {@code exp}
 * and {@code iat}, whose {@code custom_data} claim holds the fields. Only HS256 is accepted, so a
 * token cannot choose a weaker algorithm (or none).
 */
final class SignedCustomData {
    /** Allowed difference between the client's clock and ours. */
    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final String FIELD = "signed_data.custom_data";
    private static final JsonLimits VALUE_LIMITS = new JsonLimits(ChatRequests.Limits.ENTRIES, ChatRequests.Limits.KEY,
            ChatRequests.Limits.CUSTOM_VALUE, 4);

    private SignedCustomData() {
    }

    static Map<String, CustomField> verify(String token, String companySecret) {
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKey(new HmacKey(companySecret.getBytes(StandardCharsets.UTF_8)))
                    .setRelaxVerificationKeyValidation() // the partner chose the secret; its length is checked when set
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(token);
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
                // Signed data is held to the limits of plain custom data.
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
        } catch (InvalidJwtException e) {
            throw new InvalidSignedData(e.hasExpired() ? "signed_data has expired"
                    : "signed_data is not a valid HS256 token signed with the company secret");
        }
    }

    /** The signed data cannot be trusted: wrong signature or algorithm, expired, or not a JWT. */
    static final class InvalidSignedData extends RuntimeException {
        InvalidSignedData(String message) {
            super(message, null, false, false);
        }
    }
}
