package io.switchboard.redaction;

import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.domain.MessageAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one place that decides which {@link MessageAnalyzer} the service runs (pipeline and analyze endpoint).
 *
 * <p>{@link DetectingAnalyzer} over the detection package's {@link Redactor}, built once here: it loads its
 * gazetteers at creation.
 */
@ApplicationScoped
public class AnalyzerProducer {
    @Produces
    @Singleton
    MessageAnalyzer analyzer() {
        return new DetectingAnalyzer(Redactor.create());
    }
}
