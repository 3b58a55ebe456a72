package dev.scms.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of vectors, shared by every store: little-endian float32 values, and for
 * sentence vectors the vectors of one dimension one after the other.
 */
public final class VectorBytes {

    private VectorBytes() {
    }

    /** Encodes a vector as little-endian float32, the documented BLOB format. */
    public static byte[] vectorBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    /** Encodes vectors of one dimension one after the other; NULL for none. */
    public static byte[] vectorsBytes(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(vectors.size() * vectors.get(0).length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = buffer.asFloatBuffer();
        vectors.forEach(floats::put);
        return buffer.array();
    }

    /** Decodes consecutive vectors of {@code dimension} values; an empty list for NULL or a bad length. */
    public static List<float[]> vectors(byte[] bytes, int dimension) {
        int width = dimension * Float.BYTES;
        if (bytes == null || dimension <= 0 || bytes.length % width != 0) {
            return List.of();
        }
        List<float[]> vectors = new ArrayList<>(bytes.length / width);
        for (int offset = 0; offset < bytes.length; offset += width) {
            float[] vector = new float[dimension];
            ByteBuffer.wrap(bytes, offset, width).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            vectors.add(vector);
        }
        return vectors;
    }

    public static float[] vector(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
