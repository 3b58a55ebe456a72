package dev.scms.embed;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;

/**
 * LangChain4j embedding model over an encoder that {@link MiniLmEmbedder} owns and closes.
 *
 * <p>The executor runs every task in the calling thread, so LangChain4j creates no thread
 * pool of its own and ONNX Runtime's intra-op threads are the only parallelism.
 */
final class BertEncoderModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    BertEncoderModel(OnnxBertBiEncoder encoder, int dimension) {
        super(Runnable::run);
        this.encoder = encoder;
        this.dimension = dimension;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }
}
