package io.switchboard.redaction;

import io.switchboard.redaction.domain.BasicAnalyzer;
import io.switchboard.redaction.domain.MessageAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one place that decides which {@link MessageAnalyzer} the service runs (pipeline and analyze endpoint).
 *
 * <p>MERGE POINT (issue 14): today this is {@link BasicAnalyzer}, a placeholder. The detection branch
 * ({@code i14-detect}, package {@code io.switchboard.redaction.detection}) replaces it with an adapter over its
 * {@code Redactor} — built once here, as it loads its gazetteers at creation — see the service README,
 * "Plugging in the detection".
 */
@ApplicationScoped
public class AnalyzerProducer {
    @Produces
    @Singleton
    MessageAnalyzer analyzer() {
        return new BasicAnalyzer();
    }
}
