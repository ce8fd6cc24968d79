package io.switchboard.redaction.detection.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed {@code gazetteers.txt.gz} is exactly what {@link GazetteerCompiler} makes of datafaker's files. */
class GazetteerResourceTest {
    @Test
    void committedResourceIsUpToDate() throws IOException {
        String committed;
        try (InputStream in = new GZIPInputStream(GazetteerCompiler.class.getResourceAsStream(GazetteerCompiler.RESOURCE))) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String compiled = GazetteerCompiler.compile();
        assertThat(committed.equals(compiled))
                .as("gazetteers.txt.gz is stale: regenerate it with GazetteerCompiler (its javadoc has the command)")
                .isTrue();
        assertThat(compiled).contains("\n@first\n", "\n@last\n", "\n@place\n", "\nparis\n", "\nsmith\n");
    }
}
