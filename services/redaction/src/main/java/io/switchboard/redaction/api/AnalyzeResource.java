package io.switchboard.redaction.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.redaction.api.MessageViews.TopMatchView;
import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.MessageAnalyzer;
import io.switchboard.redaction.domain.PartnerPolicy;
import io.switchboard.redaction.domain.RegexTooSlowException;
import io.switchboard.redaction.store.PolicyStore;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The integrator endpoint: one text analysed exactly as the pipeline analyses a message, with the caller's
 * partner's policy, custom entities and intents. Nothing is stored and the text is never logged. Its shape
 * is fixed (quality is checked through it): {@code {"redacted_text", "entities": [{"type", "start", "end",
 * "score"}], "sentiment", "lang", "topic", "score", "topmatches"}}.
 */
@Path("/redaction/api/v1/analyze")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class AnalyzeResource {
    private final MessageAnalyzer analyzer;
    private final PolicyStore policies;
    private final PartnerContext partner;

    public AnalyzeResource(MessageAnalyzer analyzer, PolicyStore policies, PartnerContext partner) {
        this.analyzer = analyzer;
        this.policies = policies;
        this.partner = partner;
    }

    /** {@code text} up to 16,384 characters; {@code lang} an optional ISO-639-1 hint (detection may differ). */
    public record AnalyzeRequest(@NotNull @Size(max = Analysis.MAX_TEXT_LENGTH) String text, @Size(max = 16) String lang) {
    }

    public record EntityView(String type, int start, int end, double score) {
    }

    public record AnalyzeResponse(@JsonProperty("redacted_text") String redactedText, List<EntityView> entities,
                                  double sentiment, String lang, String topic, Double score, List<TopMatchView> topmatches) {
    }

    @POST
    public Uni<AnalyzeResponse> analyze(@Valid AnalyzeRequest request) {
        if (request.lang() != null && !FieldChecks.isLanguage(request.lang())) {
            throw new InvalidCommandException("lang", "lang is an ISO-639-1 language code, e.g. en");
        }
        return policies.policy(partner.partnerId())
                // CPU work: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(policy -> response(run(request, policy)));
    }

    private Analysis run(AnalyzeRequest request, PartnerPolicy policy) {
        try {
            return analyzer.analyze(request.text(), request.lang(), policy);
        } catch (RegexTooSlowException e) {
            throw new InvalidCommandException("text", "custom entity " + e.label()
                    + " took too many steps on this text; its regex needs rewriting");
        } catch (RuntimeException | StackOverflowError e) {
            // Neither the message nor the cause: either may quote the text, and the 500 is logged.
            throw new IllegalStateException("the analysis failed with " + e.getClass().getName());
        }
    }

    private static AnalyzeResponse response(Analysis a) {
        return new AnalyzeResponse(a.redactedText(),
                a.entities().stream().map(e -> new EntityView(e.type(), e.start(), e.end(), e.score())).toList(),
                a.sentiment(), a.lang(), a.topic(), a.score(),
                a.topMatches().stream().map(t -> new TopMatchView(t.intent(), t.confidence(), t.phrase())).toList());
    }
}
