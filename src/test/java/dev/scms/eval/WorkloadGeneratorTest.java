package dev.scms.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {

    private static final Set<String> KINDS = Set.of("pattern", "bug_pattern", "anti_pattern", "failed_approach",
            "edge_case");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void sameSeedWritesSameFiles() throws Exception {
        WorkloadWriter.write(new WorkloadGenerator().generate(WorkloadParameters.defaults()), temp.resolve("a"));
        WorkloadWriter.write(new WorkloadGenerator().generate(WorkloadParameters.defaults()), temp.resolve("b"));

        for (String name : List.of(WorkloadWriter.MEMORIES, WorkloadWriter.QUERIES, WorkloadWriter.README)) {
            assertThat(Files.readAllBytes(temp.resolve("b").resolve(name))).as(name).isEqualTo(Files.readAllBytes(
                    temp.resolve("a").resolve(name)));
        }
    }

    @Test
    void otherSeedWritesOtherMemories() throws Exception {
        WorkloadWriter.write(new WorkloadGenerator().generate(WorkloadParameters.defaults()), temp.resolve("a"));
        WorkloadWriter.write(new WorkloadGenerator().generate(withSeed(7)), temp.resolve("b"));

        assertThat(Files.readString(temp.resolve("b/memories.jsonl"))).isNotEqualTo(Files.readString(temp.resolve(
                "a/memories.jsonl")));
    }

    @Test
    void defaultWorkloadIsValidDevSetFormat() throws Exception {
        checkFormat(WorkloadParameters.defaults(), temp.resolve("default"));
    }

    @Test
    void otherSeedsAndSizesAreValid() throws Exception {
        checkFormat(withSeed(1), temp.resolve("seed1"));
        checkFormat(new WorkloadParameters(3, 400, 1200, 730, LocalDate.of(2023, 6, 1), 8, 0.1, 0.6, 0.5, 8),
                temp.resolve("large"));
        checkFormat(new WorkloadParameters(5, 12, 40, 60, LocalDate.of(2024, 1, 1), 2, 0.0, 1.0, 1.0, 2),
                temp.resolve("small"));
    }

    @Test
    void workloadHasRecurringAndStaleLessons() {
        GeneratedWorkload workload = new WorkloadGenerator().generate(WorkloadParameters.defaults());

        assertThat(workload.memories()).hasSize(300);
        assertThat(workload.counts().get("queries")).isEqualTo(workload.queries().size()).isGreaterThan(50);
        assertThat(workload.counts().get("stale lessons, each superseded by a newer lesson")).isPositive();
        assertThat(workload.counts().get("queries answered by a newer lesson (its stale predecessor is a "
                + "distractor)")).isPositive();
        Map<String, Integer> queriesPerLesson = new HashMap<>();
        workload.queries().forEach(query -> queriesPerLesson.merge(query.relevant().get(0), 1, Integer::sum));
        assertThat(queriesPerLesson.values()).as("lessons asked about more than once").anyMatch(count -> count > 1);
    }

    @Test
    void domainsLimitTopics() {
        GeneratedWorkload workload = new WorkloadGenerator().generate(new WorkloadParameters(42, 30, 100, 120,
                LocalDate.of(2024, 1, 1), 2, 0.15, 0.3, 0.25, 4));

        assertThat(workload.memories()).extracting(GeneratedWorkload.Memory::domain).containsOnly("docker",
                "kubernetes");
    }

    @Test
    void capacityMatchesHelpText() {
        // The --memories help of scms eval generate states 1200 for all 8 domains.
        assertThat(WorkloadGenerator.capacity(Vocabulary.load().domains())).isEqualTo(1200);
        assertThat(Vocabulary.load().domains()).hasSize(8);
    }

    @Test
    void tooManyMemoriesNamesCapacity() {
        WorkloadParameters parameters = new WorkloadParameters(42, 80, 400, 180, LocalDate.of(2024, 1, 1), 2, 0.15,
                0.3, 0.25, 4);

        assertThatThrownBy(() -> new WorkloadGenerator().generate(parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--memories must lie between 10 and 300 with 2 domains, got 400");
    }

    @Test
    void parameterOutOfRangeNamesOption() {
        assertThatThrownBy(() -> new WorkloadParameters(42, 0, 300, 180, LocalDate.of(2024, 1, 1), 8, 0.15, 0.3,
                0.25, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--sessions must lie between 1 and 10000, got 0");
        assertThatThrownBy(() -> new WorkloadParameters(42, 80, 300, 180, LocalDate.of(2024, 1, 1), 8, 0.15, 1.5,
                0.25, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--recurring-share must lie between 0 and 1.0, got 1.5");
        assertThatThrownBy(() -> new WorkloadGenerator().generate(new WorkloadParameters(42, 80, 300, 180,
                LocalDate.of(2024, 1, 1), 9, 0.15, 0.3, 0.25, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--domains must lie between 1 and 8, got 9");
    }

    @Test
    void readmeMarksFolderAsGenerated() throws Exception {
        WorkloadWriter.write(new WorkloadGenerator().generate(WorkloadParameters.defaults()), temp);

        assertThat(WorkloadWriter.isGenerated(temp.resolve(WorkloadWriter.MEMORIES))).isTrue();
        assertThat(Files.readString(temp.resolve(WorkloadWriter.README))).contains("| --seed | 42 |")
                .contains("## Assumptions");
        Files.writeString(temp.resolve(WorkloadWriter.README), "# Some real dataset\n");
        assertThat(WorkloadWriter.isGenerated(temp.resolve(WorkloadWriter.MEMORIES))).isFalse();
    }

    /** Checks the files against the format of the development set, line by line. */
    private static void checkFormat(WorkloadParameters parameters, Path folder) throws Exception {
        WorkloadWriter.write(new WorkloadGenerator().generate(parameters), folder);
        Map<String, LocalDate> memoryDates = new HashMap<>();
        List<String> memoryLines = Files.readAllLines(folder.resolve(WorkloadWriter.MEMORIES), StandardCharsets.UTF_8);
        assertThat(memoryLines).hasSize(parameters.memories());
        for (String line : memoryLines) {
            JsonNode node = JSON.readTree(line);
            assertThat(fieldNames(node)).as(line).containsExactly("id", "kind", "title", "domain", "project", "text",
                    "date");
            assertThat(KINDS).contains(node.get("kind").asText());
            assertThat(words(node.get("text"))).as(line).isBetween(20, 70);
            assertThat(words(node.get("title"))).as(line).isBetween(4, 10);
            assertThat(memoryDates.put(node.get("id").asText(), LocalDate.parse(node.get("date").asText())))
                    .as("repeated id in " + line).isNull();
        }
        List<String> queryLines = Files.readAllLines(folder.resolve(WorkloadWriter.QUERIES), StandardCharsets.UTF_8);
        assertThat(queryLines).isNotEmpty();
        for (String line : queryLines) {
            JsonNode node = JSON.readTree(line);
            assertThat(fieldNames(node)).as(line).containsExactly("id", "text", "relevant", "date");
            assertThat(words(node.get("text"))).as(line).isBetween(8, 40);
            LocalDate asked = LocalDate.parse(node.get("date").asText());
            assertThat(node.get("relevant")).as(line).isNotEmpty();
            for (JsonNode id : node.get("relevant")) {
                assertThat(memoryDates).as(line).containsKey(id.asText());
                assertThat(asked).as(line).isAfter(memoryDates.get(id.asText()));
            }
        }
    }

    private static WorkloadParameters withSeed(long seed) {
        WorkloadParameters d = WorkloadParameters.defaults();
        return new WorkloadParameters(seed, d.sessions(), d.memories(), d.days(), d.start(), d.domains(),
                d.patternShare(), d.recurringShare(), d.staleShare(), d.maxRecurrences());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int words(JsonNode text) {
        return text.asText().strip().split("\\s+").length;
    }
}
