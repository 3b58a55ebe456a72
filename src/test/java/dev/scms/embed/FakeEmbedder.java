package dev.scms.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Embedder that derives a 3-dimensional vector from the text's hash and counts its calls. */
final class FakeEmbedder implements Embedder {

    final AtomicInteger embedCalls = new AtomicInteger();
    final CountDownLatch closeCalled = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public float[] embed(String text) {
        embedCalls.incrementAndGet();
        int hash = text.hashCode();
        return new float[] {hash & 0xff, (hash >> 8) & 0xff, text.length()};
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public String modelId() {
        return "fake-model";
    }

    @Override
    public void close() {
        closed = true;
        closeCalled.countDown();
    }
}
