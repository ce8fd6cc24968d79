package io.switchboard.redaction.detection;

import java.util.List;

/** One way of finding entities; detectors may propose overlapping spans, {@link SpanResolver} decides. */
interface Detector {
    void detect(Text text, List<EntitySpan> out);
}
