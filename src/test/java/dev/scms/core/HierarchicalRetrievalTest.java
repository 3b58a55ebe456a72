package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.config.SettingsLoader;
import dev.scms.model.Kind;
import dev.scms.promotion.StaticPolicy;
import dev.scms.router.DomainCentroids;
import dev.scms.router.ScoreBreakdown;
import dev.scms.store.VectorCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchicalRetrievalTest {

    private static final String SQLITE_QUERY = "sqlite writer database readers";
    private static final String UNIQUE_ERROR = "xq7731zz";

    @TempDir
    Path temp;

    private final List<ScmsHarness> harnesses = new ArrayList<>();
    private final List<Long> sqliteIds = new ArrayList<>();
    private final List<Long> cssIds = new ArrayList<>();
    private long ruleId;

    @AfterEach
    void tearDown() {
        harnesses.forEach(ScmsHarness::close);
    }

    private ScmsHarness open(String folder, Map<String, String> flags) {
        ScmsHarness harness = ScmsHarness.open(temp.resolve(folder), StaticPolicy.defaults(), flags);
        harnesses.add(harness);
        return harness;
    }

    /** Stores three sqlite, three css and two git patterns, and one rule of project acme without a domain. */
    private void storeDomains(ScmsHarness harness) {
        sqliteIds.clear();
        cssIds.clear();
        sqliteIds.add(pattern(harness, "Enable SQLite WAL journal mode so readers never block the writer.", "sqlite"));
        sqliteIds.add(pattern(harness, "Set a SQLite busy timeout so a locked database waits for the writer.",
                "sqlite"));
        sqliteIds.add(pattern(harness, "Run SQLite VACUUM after deleting many rows to shrink the database file.",
                "sqlite"));
        cssIds.add(pattern(harness, "Use CSS grid for the page layout instead of floats.", "css"));
        cssIds.add(pattern(harness, "CSS flexbox aligns the buttons of a toolbar in one row.", "css"));
        cssIds.add(pattern(harness, "Grid layout fails with error " + UNIQUE_ERROR + " in old browsers.", "css"));
        pattern(harness, "Rebase a git feature branch onto main before merging it.", "git");
        pattern(harness, "Git stash keeps uncommitted changes while you switch branch.", "git");
        ruleId = harness.remember("Open the SQLite database of acme with the writer pool only.", Kind.RULE,
                Optional.of("acme")).memory().id();
    }

    private static long pattern(ScmsHarness harness, String text, String domain) {
        return harness.rememberIn(text, Kind.PATTERN, Optional.empty(), domain).memory().id();
    }

    @Test
    void nearestDomainOnlyIsScored() {
        ScmsHarness harness = open("hierarchical",
                Map.of("hierarchical_min_memories", "5", "hierarchical_domains", "1"));
        storeDomains(harness);

        RetrieveResult result = harness.retrieve(SQLITE_QUERY, "acme");

        assertThat(result.routing()).isEqualTo("hierarchical");
        assertThat(result.considered()).isEqualTo(9);
        assertThat(result.scored()).isLessThan(result.considered());
        assertThat(ScmsHarness.ids(result.memories())).isNotEmpty();
        assertThat(sqliteIds).containsAll(ScmsHarness.ids(result.memories()));
        assertThat(ScmsHarness.ids(result.rules())).containsExactly(ruleId);
    }

    @Test
    void lexicalMatchKeptOutsideNearestDomains() {
        ScmsHarness harness = open("hierarchical",
                Map.of("hierarchical_min_memories", "5", "hierarchical_domains", "1",
                        // A word match alone must pass the relevance gate under the bag-of-words test model.
                        "lexical_weight", "0.5"));
        storeDomains(harness);

        RetrieveResult result = harness.retrieve(SQLITE_QUERY + " " + UNIQUE_ERROR, "acme");

        assertThat(result.routing()).isEqualTo("hierarchical");
        assertThat(ScmsHarness.ids(result.memories())).contains(cssIds.get(2));
        assertThat(ScmsHarness.ids(result.memories())).doesNotContain(cssIds.get(0), cssIds.get(1));
    }

    @Test
    void allDomainsMatchFullScan() {
        ScmsHarness full = open("full", Map.of());
        storeDomains(full);
        ScmsHarness hierarchical = open("hierarchical",
                Map.of("hierarchical_min_memories", "1", "hierarchical_domains", "4"));
        storeDomains(hierarchical);

        for (String query : List.of(SQLITE_QUERY, "css grid layout buttons", "git branch " + UNIQUE_ERROR,
                "writer pool of acme", "rebase sqlite grid")) {
            RetrieveResult expected = full.retrieve(query, "acme", 3, 2000);
            RetrieveResult actual = hierarchical.retrieve(query, "acme", 3, 2000);

            assertThat(actual.routing()).as(query).isEqualTo("hierarchical");
            assertThat(actual.scored()).as(query).isEqualTo(actual.considered());
            assertThat(ScmsHarness.ids(actual.memories())).as(query)
                    .isEqualTo(ScmsHarness.ids(expected.memories()));
            assertThat(ScmsHarness.ids(actual.rules())).as(query).isEqualTo(ScmsHarness.ids(expected.rules()));
            assertThat(breakdowns(actual)).as(query).isEqualTo(breakdowns(expected));
        }
    }

    @Test
    void belowThresholdScansEverything() {
        ScmsHarness harness = open("small", Map.of("hierarchical_min_memories", "10", "hierarchical_domains", "1"));
        storeDomains(harness);

        RetrieveResult result = harness.retrieve(SQLITE_QUERY, "acme");

        assertThat(result.routing()).isEqualTo("full");
        assertThat(result.scored()).isEqualTo(result.considered());
    }

    @Test
    void lexicalModeScansEverything() {
        ScmsHarness harness = ScmsHarness.lexicalOnly(temp.resolve("lexical"), StaticPolicy.defaults(),
                Map.of("hierarchical_min_memories", "1", "hierarchical_domains", "1"));
        harnesses.add(harness);
        storeDomains(harness);

        RetrieveResult result = harness.retrieve(SQLITE_QUERY, "acme");

        assertThat(result.routing()).isEqualTo("full");
        assertThat(result.scored()).isEqualTo(result.considered());
    }

    @Test
    void centroidsRebuiltOnlyAfterCacheChange() {
        ScmsHarness harness = open("cache", Map.of());
        storeDomains(harness);
        VectorCache cache = new VectorCache(harness.store, new BagOfWordsEmbedder().modelId());
        cache.refresh();
        DomainScope scope = new DomainScope(new SettingsLoader(Map.of(), Map.of("hierarchical_min_memories", "1"),
                "tester", temp).load().strategies());

        DomainCentroids first = scope.centroids(cache.snapshot());
        DomainCentroids unchanged = scope.centroids(cache.snapshot());
        pattern(harness, "Terraform plan shows drift before apply.", "terraform");
        cache.refresh();
        DomainCentroids changed = scope.centroids(cache.snapshot());

        assertThat(unchanged).isSameAs(first);
        assertThat(first.size()).isEqualTo(4);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.size()).isEqualTo(5);
    }

    private static List<ScoreBreakdown> breakdowns(RetrieveResult result) {
        List<ScoreBreakdown> breakdowns = new ArrayList<>();
        result.rules().forEach(item -> breakdowns.add(item.breakdown()));
        result.memories().forEach(item -> breakdowns.add(item.breakdown()));
        return breakdowns;
    }
}
