package dev.scms.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Median and percentiles of measured values. */
final class Stats {

    private Stats() {
    }

    /** Returns the median of {@code values}, the mean of the two middle values for an even count. */
    static double median(Collection<Double> values) {
        return percentile(values, 50);
    }

    /**
     * Returns the {@code p}-th percentile of {@code values} by linear interpolation between the
     * two nearest ranks (the method of NumPy's default and of R's type 7): rank
     * {@code p / 100 * (n - 1)}, counted from 0 in ascending order.
     *
     * @throws IllegalArgumentException if {@code values} is empty or {@code p} lies outside 0..100
     */
    static double percentile(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the percentile " + p + " of");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must lie between 0 and 100, got " + p);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = p / 100 * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }
}
