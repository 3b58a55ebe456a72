package dev.scms.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a generated workload into a folder: {@code memories.jsonl} and {@code queries.jsonl}
 * in the format of the development set, and a {@code README.md} with the parameters, counts and
 * assumptions. The README's first line marks the folder as a generated workload for
 * {@code scms eval}, which labels its results accordingly.
 */
public final class WorkloadWriter {

    public static final String MEMORIES = "memories.jsonl";
    public static final String QUERIES = "queries.jsonl";
    public static final String README = "README.md";
    /** The first line of the README of every generated workload. */
    public static final String MARKER = "# Generated SCMS workload";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkloadWriter() {
    }

    public static void write(GeneratedWorkload workload, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(MEMORIES), StandardCharsets.UTF_8)) {
            for (GeneratedWorkload.Memory memory : workload.memories()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", memory.id());
                line.put("kind", memory.kind());
                line.put("title", memory.title());
                line.put("domain", memory.domain());
                line.put("project", memory.project());
                line.put("text", memory.text());
                line.put("date", memory.date().toString());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(QUERIES), StandardCharsets.UTF_8)) {
            for (GeneratedWorkload.Query query : workload.queries()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", query.id());
                line.put("text", query.text());
                line.put("relevant", query.relevant());
                line.put("date", query.date().toString());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
        Files.writeString(folder.resolve(README), readme(workload), StandardCharsets.UTF_8);
    }

    /** Returns whether the folder of {@code memories} contains a generated workload, by the first line of its README. */
    public static boolean isGenerated(Path memories) {
        Path readme = memories.toAbsolutePath().getParent().resolve(README);
        if (!Files.isRegularFile(readme)) {
            return false;
        }
        try (java.io.BufferedReader reader = Files.newBufferedReader(readme, StandardCharsets.UTF_8)) {
            return MARKER.equals(reader.readLine());
        } catch (IOException e) {
            // An unreadable README marks nothing; the dataset is then reported as real data.
            return false;
        }
    }

    static String readme(GeneratedWorkload workload) {
        WorkloadParameters p = workload.parameters();
        StringBuilder text = new StringBuilder();
        text.append(MARKER).append("\n\n");
        text.append("Synthetic lessons and developer queries made by `scms eval generate` from templates and fixed\n")
                .append("vocabularies, without network access. Report results on this workload apart from results\n")
                .append("on real data. Replay it with:\n\n")
                .append("```sh\nscms eval --memories ").append(MEMORIES).append(" --queries ").append(QUERIES)
                .append("\n```\n\n");
        text.append("## Parameters\n\n| option | value |\n|---|---|\n");
        row(text, "--seed", p.seed());
        row(text, "--sessions", p.sessions());
        row(text, "--memories", p.memories());
        row(text, "--days", p.days());
        row(text, "--start", p.start());
        row(text, "--domains", p.domains());
        row(text, "--pattern-share", p.patternShare());
        row(text, "--recurring-share", p.recurringShare());
        row(text, "--stale-share", p.staleShare());
        row(text, "--max-recurrences", p.maxRecurrences());
        text.append("\n## Counts\n\n| what | count |\n|---|---:|\n");
        workload.counts().forEach((label, count) -> row(text, label, count));
        text.append("\n## Assumptions\n\n").append(WorkloadGenerator.ASSUMPTIONS);
        text.append("\n## Files\n\n")
                .append("- `").append(MEMORIES).append("`: one JSON object per line with `id`, `kind`, `title`, ")
                .append("`domain`, `project`, `text` and `date`.\n")
                .append("- `").append(QUERIES).append("`: one JSON object per line with `id`, `text`, `relevant` ")
                .append("(ids of the memories that answer it) and `date`.\n");
        return text.toString();
    }

    private static void row(StringBuilder text, String label, Object value) {
        text.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }
}
