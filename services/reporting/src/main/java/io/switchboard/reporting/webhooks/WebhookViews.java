package io.switchboard.reporting.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The webhooks API's responses (camelCase, as the live surface's contract names them). */
public final class WebhookViews {
    private WebhookViews() {
    }

    /**
     * A subscription. {@code secret} is present only in the answer to its creation: the key is shown once and
     * never again (it is kept, since every delivery is signed with it).
     */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record Webhook(UUID id, String url, List<String> eventTypes, String description, String state,
                               String disabledReason, Instant disabledAt, int consecutiveFailures,
                               Instant createdAt, Instant updatedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
        Webhook withSecret(String secret) {
            return new Webhook(id, url, eventTypes, description, state, disabledReason, disabledAt,
                    consecutiveFailures, createdAt, updatedAt, secret);
        }
    }

    /** A page of subscriptions, newest first; {@code nextCursor} is null on the last page. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookPage(List<Webhook> items, String nextCursor) {
    }

    /** One try to deliver an event: the receiver's status code, or why there was none. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookAttempt(int attempt, Instant at, Integer statusCode, String error, long latencyMs) {
    }

    /** An event's delivery to one subscription: pending (retries to come), delivered or failed (attempts exhausted). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookDelivery(long id, UUID eventId, String eventType, String state, int attempts,
                           Instant createdAt, Instant nextAttemptAt, Instant completedAt, List<WebhookAttempt> attemptLog) {
    }

    /** A page of a subscription's deliveries, newest first. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record WebhookDeliveryPage(List<WebhookDelivery> items, String nextCursor) {
    }
}
