package io.switchboard.reporting.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The webhooks API's responses, in camelCase as the live surface's contract names them (the service's default is
 * snake_case; the names are spelled out so the OpenAPI document and the validation's field names agree).
 */
public final class WebhookViews {
    private WebhookViews() {
    }

    /**
     * A subscription. {@code secret} is present only in the answer to its creation: the key is shown once and
     * never again (it is kept, since every delivery is signed with it).
     */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Webhook(UUID id, String url,
                          @JsonProperty("eventTypes") List<String> eventTypes,
                          String description, String state,
                          @JsonProperty("disabledReason") String disabledReason,
                          @JsonProperty("disabledAt") Instant disabledAt,
                          @JsonProperty("consecutiveFailures") int consecutiveFailures,
                          @JsonProperty("createdAt") Instant createdAt,
                          @JsonProperty("updatedAt") Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
        Webhook withSecret(String secret) {
            return new Webhook(id, url, eventTypes, description, state, disabledReason, disabledAt,
                    consecutiveFailures, createdAt, updatedAt, secret);
        }
    }

    /** A page of subscriptions, newest first; {@code nextCursor} is null on the last page. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookPage(List<Webhook> items, @JsonProperty("nextCursor") String nextCursor) {
    }

    /** One try to deliver an event: the receiver's status code, or why there was none. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookAttempt(int attempt, Instant at, @JsonProperty("statusCode") Integer statusCode, String error,
                                 @JsonProperty("latencyMs") long latencyMs) {
    }

    /** An event's delivery to one subscription: pending (retries to come), delivered or failed (attempts exhausted). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookDelivery(long id,
                                  @JsonProperty("eventId") UUID eventId,
                                  @JsonProperty("eventType") String eventType,
                                  String state, int attempts,
                                  @JsonProperty("createdAt") Instant createdAt,
                                  @JsonProperty("nextAttemptAt") Instant nextAttemptAt,
                                  @JsonProperty("completedAt") Instant completedAt,
                                  @JsonProperty("attemptLog") List<WebhookAttempt> attemptLog) {
    }

    /** A page of a subscription's deliveries, newest first. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookDeliveryPage(List<WebhookDelivery> items, @JsonProperty("nextCursor") String nextCursor) {
    }
}
