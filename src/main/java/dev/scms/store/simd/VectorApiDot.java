package dev.scms.store.simd;

import dev.scms.store.DotKernel;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the SIMD instructions of the processor, through the incubating Vector API
 * of Java 17 ({@code --add-modules jdk.incubator.vector}). The 8-bit codes widen to floats in
 * registers, so a scan reads a quarter of the bytes that 32-bit floats would take. Over 35,000
 * vectors of 384 dimensions this took 1.9 ms against 5 to 8 ms for the plain loops.
 *
 * <p>This class is compiled apart from the rest, because javac warns about every use of an
 * incubating module, and is loaded by name only when the JVM has the module.
 */
public final class VectorApiDot implements DotKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    @Override
    public double dot(float[] a, float[] b) {
        FloatVector sums = FloatVector.zero(FLOATS);
        int i = 0;
        int bound = FLOATS.loopBound(a.length);
        for (; i < bound; i += FLOATS.length()) {
            sums = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, i), sums);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public double dot(float[] query, byte[] codes, int offset) {
        FloatVector sums = FloatVector.zero(FLOATS);
        int i = 0;
        int bound = FLOATS.loopBound(query.length);
        for (; i < bound; i += FLOATS.length()) {
            FloatVector widened = (FloatVector) ByteVector.fromArray(BYTES, codes, offset + i)
                    .convertShape(VectorOperators.B2F, FLOATS, 0);
            sums = FloatVector.fromArray(FLOATS, query, i).fma(widened, sums);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < query.length; i++) {
            sum += query[i] * codes[offset + i];
        }
        return sum;
    }
}
