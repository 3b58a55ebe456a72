package dev.scms.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DomainCentroidsTest {

    private static final double EPS = 1e-6;
    private static final float HALF_SQRT2 = (float) (Math.sqrt(2) / 2);

    /** sqlite: (1, 0) and (0, 1); css: (0.6, 0.8); no domain: (0, -1) from a blank domain. */
    private static DomainCentroids threeDomains() {
        return DomainCentroids.builder()
                .add("sqlite", new float[] {1, 0})
                .add("sqlite", new float[] {0, 1})
                .add("css", new float[] {0.6f, 0.8f})
                .add(" ", new float[] {0, -1})
                .build();
    }

    @Test
    void centroidIsRenormalisedMean() {
        // sqlite: mean (0.5, 0.5), renormalised to (1/sqrt 2, 1/sqrt 2). A single vector is its own centroid.
        DomainCentroids centroids = threeDomains();

        assertThat(centroids.size()).isEqualTo(3);
        assertThat(centroids.centroid("sqlite")).containsExactly(new float[] {HALF_SQRT2, HALF_SQRT2},
                within((float) EPS));
        assertThat(centroids.centroid("css")).containsExactly(new float[] {0.6f, 0.8f}, within((float) EPS));
        assertThat(centroids.centroid(DomainCentroids.NO_DOMAIN)).containsExactly(0f, -1f);
        assertThat(centroids.centroid("unknown")).isEmpty();
    }

    @Test
    void nearestRanksByCosine() {
        // Query (1, 0): cosine 0.6 to css, 0.7071 to sqlite, 0 to (none).
        DomainCentroids centroids = threeDomains();

        assertThat(centroids.nearest(new float[] {1, 0}, 1)).containsExactly("sqlite");
        assertThat(centroids.nearest(new float[] {1, 0}, 2)).containsExactly("sqlite", "css");
        assertThat(centroids.nearest(new float[] {1, 0}, 10)).containsExactly("sqlite", "css", "(none)");
        // Query (0, -1): cosine 1 to (none), -0.7071 to sqlite, -0.8 to css.
        assertThat(centroids.nearest(new float[] {0, -1}, 3)).containsExactly("(none)", "sqlite", "css");
    }

    @Test
    void equalCosinesRankByName() {
        DomainCentroids centroids = DomainCentroids.builder()
                .add("zsh", new float[] {1, 0})
                .add("awk", new float[] {1, 0})
                .add("make", new float[] {0, 1})
                .build();

        assertThat(centroids.nearest(new float[] {1, 0}, 3)).containsExactly("awk", "zsh", "make");
    }

    @Test
    void cancellingVectorsGiveZeroCentroid() {
        // git: (1, 0) + (-1, 0) sums to zero, so its cosine is 0, above the negative one of css.
        DomainCentroids centroids = DomainCentroids.builder()
                .add("git", new float[] {1, 0})
                .add("git", new float[] {-1, 0})
                .add("css", new float[] {0, 1})
                .build();

        assertThat(centroids.centroid("git")).containsExactly(0f, 0f);
        assertThat(centroids.nearest(new float[] {0, -1}, 2)).containsExactly("git", "css");
    }

    @Test
    void emptyBuilderHasNoDomains() {
        DomainCentroids centroids = DomainCentroids.builder().build();

        assertThat(centroids.size()).isZero();
        assertThat(centroids.nearest(new float[] {1, 0, 0}, 3)).isEmpty();
    }

    @Test
    void blankDomainGroupsAsNone() {
        assertThat(DomainCentroids.groupOf("")).isEqualTo(DomainCentroids.NO_DOMAIN);
        assertThat(DomainCentroids.groupOf(null)).isEqualTo(DomainCentroids.NO_DOMAIN);
        assertThat(DomainCentroids.groupOf("react")).isEqualTo("react");
    }

    @Test
    void invalidArgumentsAreRejected() {
        DomainCentroids centroids = threeDomains();
        DomainCentroids.Builder builder = DomainCentroids.builder().add("sqlite", new float[] {1, 0});

        assertThatThrownBy(() -> centroids.nearest(new float[] {1, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3");
        assertThatThrownBy(() -> centroids.nearest(new float[] {1, 0}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> builder.add("css", new float[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("css");
    }
}
