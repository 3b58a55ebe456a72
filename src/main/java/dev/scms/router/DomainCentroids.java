package dev.scms.router;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One centroid per domain: the mean of the unit vectors of the domain's memories, renormalised to
 * unit length, so its dot product with a unit query vector is a cosine. The mean and the sum point
 * the same way, so the builder adds the vectors up and normalises the sum once.
 *
 * <p>Memories without a domain form the group {@link #NO_DOMAIN}. A domain whose vectors cancel
 * out to a zero sum keeps a zero centroid, so its cosine to any query is 0, and it still counts as
 * a domain.
 */
public final class DomainCentroids {

    /** The group of memories stored without a domain. */
    public static final String NO_DOMAIN = "(none)";

    private final Map<String, float[]> centroids;
    private final int dimension;

    private DomainCentroids(Map<String, float[]> centroids, int dimension) {
        this.centroids = centroids;
        this.dimension = dimension;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the group name of a memory's domain: the domain itself, or {@link #NO_DOMAIN} when blank. */
    public static String groupOf(String domain) {
        return domain == null || domain.isBlank() ? NO_DOMAIN : domain;
    }

    /** Returns the number of domains, each with at least one vector. */
    public int size() {
        return centroids.size();
    }

    /** Returns a copy of the centroid of a domain group, or an empty array for an unknown group. */
    public float[] centroid(String group) {
        float[] centroid = centroids.get(group);
        return centroid == null ? new float[0] : centroid.clone();
    }

    /**
     * Ranks the domains by the cosine of their centroid to the query, highest first and ties by
     * name, and returns the first {@code n}. Costs O(domains * dimension).
     *
     * @param query a unit-length vector of the centroids' dimension
     * @throws IllegalArgumentException if {@code n < 1} or the query has another dimension
     */
    public List<String> nearest(float[] query, int n) {
        Objects.requireNonNull(query, "query");
        if (n < 1) {
            throw new IllegalArgumentException("number of domains must be at least 1, got " + n);
        }
        if (!centroids.isEmpty() && query.length != dimension) {
            throw new IllegalArgumentException(
                    "query vector has dimension " + query.length + ", the centroids have " + dimension);
        }
        List<Map.Entry<String, Double>> scored = new ArrayList<>(centroids.size());
        for (Map.Entry<String, float[]> entry : centroids.entrySet()) {
            scored.add(Map.entry(entry.getKey(), dot(query, entry.getValue())));
        }
        scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> nearest = new ArrayList<>(Math.min(n, scored.size()));
        for (int i = 0; i < Math.min(n, scored.size()); i++) {
            nearest.add(scored.get(i).getKey());
        }
        return nearest;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** Sums unit vectors per domain group in double precision. Not thread-safe. */
    public static final class Builder {

        private final Map<String, double[]> sums = new TreeMap<>();
        private int dimension = -1;

        private Builder() {
        }

        /**
         * Adds the unit-length vector of one memory to its domain.
         *
         * @param domain the memory's domain, where blank counts as {@link #NO_DOMAIN}
         * @throws IllegalArgumentException if the vector's dimension differs from the first one added
         */
        public Builder add(String domain, float[] vector) {
            Objects.requireNonNull(vector, "vector");
            if (dimension == -1) {
                dimension = vector.length;
            } else if (vector.length != dimension) {
                throw new IllegalArgumentException("vector of domain " + groupOf(domain) + " has dimension "
                        + vector.length + ", the earlier vectors have " + dimension);
            }
            double[] sum = sums.computeIfAbsent(groupOf(domain), group -> new double[vector.length]);
            for (int i = 0; i < vector.length; i++) {
                sum[i] += vector[i];
            }
            return this;
        }

        public DomainCentroids build() {
            Map<String, float[]> centroids = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> entry : sums.entrySet()) {
                centroids.put(entry.getKey(), normalised(entry.getValue()));
            }
            return new DomainCentroids(centroids, Math.max(dimension, 0));
        }

        private static float[] normalised(double[] sum) {
            double squares = 0.0;
            for (double value : sum) {
                squares += value * value;
            }
            double norm = Math.sqrt(squares);
            float[] unit = new float[sum.length];
            if (norm == 0.0) {
                return unit;
            }
            for (int i = 0; i < sum.length; i++) {
                unit[i] = (float) (sum[i] / norm);
            }
            return unit;
        }
    }
}
