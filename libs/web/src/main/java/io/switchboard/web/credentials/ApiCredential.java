package io.switchboard.web.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * An API credential as its admin sees it. {@code token} is present only in the answer to the request
 * that issued it: it is never stored, so it can never be shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiCredential(long id, String name, @JsonProperty("partner_id") String partnerId, List<String> roles,
                            @JsonProperty("created_at") Instant createdAt,
                            @JsonProperty("revoked_at") Instant revokedAt, String token) {
}
