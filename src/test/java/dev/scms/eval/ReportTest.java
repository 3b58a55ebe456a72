package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final RunSummary REAL = new RunSummary("dev-memories.jsonl + dev-queries.jsonl", false, Map.of(),
            225, 35, 225, 3.5, 20.0);
    private static final RunSummary GENERATED = new RunSummary("gen/memories.jsonl + gen/queries.jsonl", true,
            Map.of("half_life_days", "7"), 300, 122, 300, 4.0, 30.0);

    @TempDir
    Path temp;

    @Test
    void titleNamesRealDataset() {
        assertThat(Report.markdown(REAL, List.of(result("full", Optional.empty())))).startsWith(
                "## Dataset: dev-memories.jsonl + dev-queries.jsonl\n\n| preset |");
    }

    @Test
    void titleMarksGeneratedWorkloadAndCommonSettings() {
        String text = Report.markdown(GENERATED, List.of(result("full", Optional.empty())));

        assertThat(text).startsWith("## Generated workload: gen/memories.jsonl + gen/queries.jsonl\n\n"
                + "Settings for every preset: half_life_days=7\n\n| preset |");
    }

    @Test
    void recallColumnOnlyWithHierarchicalPreset() {
        String without = Report.markdown(REAL, List.of(result("full", Optional.empty())));
        String with = Report.markdown(REAL, List.of(result("full", Optional.empty()), result("full+lex+hier",
                Optional.of(0.9))));

        assertThat(without).doesNotContain("recall vs full");
        assertThat(with).contains("| nDCG@10 | recall vs full | returned |")
                .contains("| full | 35 | 0.500 | 0.750 | 0.750 | 0.250 | 0.600 | 0.700 | - | 4.0 | 300 | 2.0 | 5.0 | 1.5 |")
                .contains("| full+lex+hier | 35 | 0.500 | 0.750 | 0.750 | 0.250 | 0.600 | 0.700 | 0.900 | 4.0 |");
    }

    @Test
    void footerGivesCountsAndRunTime() {
        assertThat(Report.markdown(REAL, List.of(result("full", Optional.empty())))).endsWith("\n225 memories, 35 "
                + "queries, 1 presets; the run took 20.0 s, of which 3.5 s embedding 225 distinct memory texts once "
                + "for all presets.\n");
    }

    @Test
    void jsonOmitsRecallWhereNotMeasured() throws Exception {
        Path file = temp.resolve("eval-results.json");

        Report.writeJson(GENERATED, List.of(result("full", Optional.empty()), result("full+lex+hier", Optional.of(
                0.9))), file);

        JsonNode rows = new ObjectMapper().readTree(file.toFile());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).has("recall_vs_full")).isFalse();
        assertThat(rows.get(1).path("recall_vs_full").asDouble()).isEqualTo(0.9);
        assertThat(rows.get(0).path("generated").asBoolean()).isTrue();
        assertThat(rows.get(0).path("dataset").asText()).isEqualTo("gen/memories.jsonl + gen/queries.jsonl");
        assertThat(rows.get(0).path("settings").path("preset").asText()).isEqualTo("full");
        assertThat(rows.get(0).path("p95_ms").asDouble()).isEqualTo(5.0);
        assertThat(rows.get(0).path("hit@3").asDouble()).isEqualTo(0.75);
        assertThat(new ObjectMapper().readTree(file.toFile()).findValues("recall_vs_full")).hasSize(1);
        assertThat(java.nio.file.Files.readString(file)).doesNotContain("null");
    }

    private static RunResult result(String name, Optional<Double> recall) {
        Metrics metrics = new Metrics(name, 35, 0.5, 0.75, 0.75, 0.25, 0.6, 0.7, 4.0, 300, 2.0, 5.0, recall);
        return new RunResult(new Preset(name, Map.of("preset", "full")), Map.of("preset", "full"), metrics, 1.5);
    }
}
