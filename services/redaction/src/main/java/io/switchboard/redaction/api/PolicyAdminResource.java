package io.switchboard.redaction.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.redaction.domain.CustomEntity;
import io.switchboard.redaction.domain.EntityTypes;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.redaction.domain.Intent;
import io.switchboard.redaction.domain.Languages;
import io.switchboard.redaction.domain.PartnerPolicy;
import io.switchboard.redaction.store.PolicyStore;
import io.switchboard.redaction.store.PolicyStore.PolicySettings;
import io.switchboard.redaction.store.PolicyStore.StoredCustomEntity;
import io.switchboard.redaction.store.PolicyStore.StoredIntent;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The partner admin's redaction setup (role {@code admin}, scoped to the caller's partner): the policy (which
 * built-in types are redacted, the mask style), custom entities (a label with a regex or a word list) and
 * intents (a name with example phrases). Changes apply to messages redacted from then on (within the policy
 * cache's 10 s on other instances); messages already redacted stay as they were.
 */
@Path("/redaction/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PolicyAdminResource {
    private final PolicyStore store;
    private final PartnerContext partner;
    private final SecurityIdentity identity;
    private final List<String> defaultLanguages;

    public PolicyAdminResource(PolicyStore store, PartnerContext partner, SecurityIdentity identity, RedactionConfig config) {
        this.store = store;
        this.partner = partner;
        this.identity = identity;
        this.defaultLanguages = Languages.configured("switchboard.redaction.language.default-languages",
                config.language().defaultLanguages());
    }

    // ------------------------------------------------------------------ JSON

    /**
     * {@code redacted_types}: built-in types (an empty list redacts none); {@code mask_style} default {@code label};
     * {@code languages}: 1–20 ISO 639-1 codes the detector supports, the first the fallback (absent: the service's
     * default set).
     */
    public record PolicyRequest(@JsonProperty("redacted_types") @NotNull @Size(max = 32) List<@NotNull @Size(max = 32) String> redactedTypes,
                                @JsonProperty("mask_style") @Size(max = 32) String maskStyle,
                                @Size(max = Languages.MAX) List<@NotNull @Size(max = 16) String> languages) {
    }

    /**
     * {@code available_types}: every built-in type; custom entities are always redacted. {@code languages}: the
     * partner's, or the default set when it set none.
     */
    public record PolicyView(@JsonProperty("redacted_types") List<String> redactedTypes, @JsonProperty("mask_style") String maskStyle,
                             List<String> languages, @JsonProperty("available_types") List<String> availableTypes,
                             @JsonProperty("updated_at") Instant updatedAt) {
        static PolicyView of(PolicySettings settings, List<String> defaultLanguages) {
            return new PolicyView(settings.redactedTypes(), settings.maskStyle().value(),
                    settings.languages() == null ? defaultLanguages : settings.languages(), EntityTypes.BUILT_IN,
                    settings.updatedAt());
        }
    }

    /** Exactly one of {@code regex} and {@code words}. */
    public record CustomEntityRequest(@NotNull @Size(max = CustomEntity.MAX_LABEL) String label,
                                      @Size(max = CustomEntity.MAX_REGEX) String regex,
                                      @Size(max = CustomEntity.MAX_WORDS) List<@NotNull @Size(max = CustomEntity.MAX_WORD) String> words) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomEntityView(long id, String label, String kind, String regex, List<String> words,
                                   @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {
        static CustomEntityView of(StoredCustomEntity e) {
            return new CustomEntityView(e.id(), e.label(), e.regex() != null ? "regex" : "words", e.regex(), e.words(),
                    e.createdAt(), e.updatedAt());
        }
    }

    public record IntentRequest(@NotNull @Size(max = Intent.MAX_NAME) String name,
                                @NotNull @Size(max = Intent.MAX_PHRASES) List<@NotNull @Size(max = Intent.MAX_PHRASE) String> phrases) {
    }

    public record IntentView(long id, String name, List<String> phrases, @JsonProperty("created_at") Instant createdAt,
                             @JsonProperty("updated_at") Instant updatedAt) {
        static IntentView of(StoredIntent i) {
            return new IntentView(i.id(), i.name(), i.phrases(), i.createdAt(), i.updatedAt());
        }
    }

    // ------------------------------------------------------------------ policy

    @GET
    @Path("/policy")
    public Uni<PolicyView> policy() {
        return store.settings(partner.partnerId()).map(settings -> PolicyView.of(settings, defaultLanguages));
    }

    @PUT
    @Path("/policy")
    public Uni<PolicyView> setPolicy(@Valid PolicyRequest request) {
        var types = PartnerPolicy.redactedTypes(request.redactedTypes());
        var style = PartnerPolicy.maskStyle(request.maskStyle());
        var languages = Languages.define(request.languages());
        return store.saveSettings(partner.partnerId(), types, style, languages, actor())
                .map(settings -> PolicyView.of(settings, defaultLanguages));
    }

    // ------------------------------------------------------------------ custom entities

    @GET
    @Path("/custom-entities")
    public Uni<List<CustomEntityView>> customEntities() {
        return store.customEntities(partner.partnerId()).map(all -> all.stream().map(CustomEntityView::of).toList());
    }

    @GET
    @Path("/custom-entities/{id}")
    public Uni<CustomEntityView> customEntity(@PathParam("id") long id) {
        return store.customEntity(partner.partnerId(), id).map(found -> CustomEntityView.of(found(found, "custom entity", id)));
    }

    @POST
    @Path("/custom-entities")
    public Uni<Response> createCustomEntity(@Valid CustomEntityRequest request) {
        CustomEntity entity = CustomEntity.define(request.label(), request.regex(), request.words());
        return store.createCustomEntity(partner.partnerId(), entity, actor())
                .map(created -> Response.created(URI.create("/redaction/api/v1/admin/custom-entities/" + created.id()))
                        .entity(CustomEntityView.of(created)).build());
    }

    @PUT
    @Path("/custom-entities/{id}")
    public Uni<CustomEntityView> updateCustomEntity(@PathParam("id") long id, @Valid CustomEntityRequest request) {
        CustomEntity entity = CustomEntity.define(request.label(), request.regex(), request.words());
        return store.updateCustomEntity(partner.partnerId(), id, entity, actor())
                .map(found -> CustomEntityView.of(found(found, "custom entity", id)));
    }

    @DELETE
    @Path("/custom-entities/{id}")
    public Uni<Response> deleteCustomEntity(@PathParam("id") long id) {
        return store.deleteCustomEntity(partner.partnerId(), id).map(deleted -> gone(deleted, "custom entity", id));
    }

    // ------------------------------------------------------------------ intents

    @GET
    @Path("/intents")
    public Uni<List<IntentView>> intents() {
        return store.intents(partner.partnerId()).map(all -> all.stream().map(IntentView::of).toList());
    }

    @GET
    @Path("/intents/{id}")
    public Uni<IntentView> intent(@PathParam("id") long id) {
        return store.intent(partner.partnerId(), id).map(found -> IntentView.of(found(found, "intent", id)));
    }

    @POST
    @Path("/intents")
    public Uni<Response> createIntent(@Valid IntentRequest request) {
        Intent intent = Intent.define(request.name(), request.phrases());
        return store.createIntent(partner.partnerId(), intent, actor())
                .map(created -> Response.created(URI.create("/redaction/api/v1/admin/intents/" + created.id()))
                        .entity(IntentView.of(created)).build());
    }

    @PUT
    @Path("/intents/{id}")
    public Uni<IntentView> updateIntent(@PathParam("id") long id, @Valid IntentRequest request) {
        Intent intent = Intent.define(request.name(), request.phrases());
        return store.updateIntent(partner.partnerId(), id, intent, actor()).map(found -> IntentView.of(found(found, "intent", id)));
    }

    @DELETE
    @Path("/intents/{id}")
    public Uni<Response> deleteIntent(@PathParam("id") long id) {
        return store.deleteIntent(partner.partnerId(), id).map(deleted -> gone(deleted, "intent", id));
    }

    // ------------------------------------------------------------------ shared

    /** Who changed it, for the record: the token's subject or the API credential. */
    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static <T> T found(Optional<T> found, String type, long id) {
        return found.orElseThrow(() -> new AggregateNotFoundException(type, Long.toString(id)));
    }

    private static Response gone(boolean deleted, String type, long id) {
        if (!deleted) {
            throw new AggregateNotFoundException(type, Long.toString(id));
        }
        return Response.noContent().build();
    }
}
