package io.switchboard.redaction.domain;

/**
 * The detection seam: everything the service knows about a message's content comes from here. The
 * pipeline ({@code messaging.RedactionPipeline}) and the integrator endpoint ({@code POST /redaction/api/v1/analyze})
 * call it; which implementation runs is decided in one place, {@code io.switchboard.redaction.AnalyzerProducer}.
 *
 * <p>Contract for every implementation, because the raw text exists only in this call:
 * <ul>
 *   <li>never log {@code text}, never put it (or a piece of it) into an exception message;</li>
 *   <li>entity offsets are into {@code text} ({@code start} inclusive, {@code end} exclusive), disjoint and in
 *       order, and carry no value;</li>
 *   <li>built-in types the policy does not redact are left in the text; the partner's custom entities are
 *       always redacted;</li>
 *   <li>thread-safe: one instance serves the consumer loop and every request.</li>
 * </ul>
 */
public interface MessageAnalyzer {
    /**
     * @param text     the message, at most {@link Analysis#MAX_TEXT_LENGTH} characters
     * @param langHint the chat's language (ISO-639-1) or the caller's hint; may be null
     * @param policy   the partner's redaction policy, custom entities and intents
     */
    Analysis analyze(String text, String langHint, PartnerPolicy policy);
}
