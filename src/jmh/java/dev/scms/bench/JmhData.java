package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.core.RememberRequest;
import dev.scms.eval.Distractors;
import dev.scms.model.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts for the benchmarks. Memories come from the development set's distractors file when it
 * is present, topped up with generated release notes ({@link Distractors#generate}) beyond its
 * length. Queries come from the development set's queries file, else from fixed sentences.
 * The folder is the system property {@code scms.bench.data}, by default the development set's
 * folder beside this checkout, as the integration tests read it.
 */
final class JmhData {

    /** A memory's text as the store receives it. */
    record MemoryText(Kind kind, String domain, String title, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20_260_105L;
    private static final List<String> FALLBACK_QUERIES = List.of(
            "docker build fails with no space left on device after upgrading the image",
            "postgres connection pool exhausted under load, requests time out after 30 seconds",
            "react state update on an unmounted component warning after navigation",
            "terraform plan shows drift on every run for the security group rules",
            "kubernetes pod stuck in CrashLoopBackOff after changing the readiness probe");

    private JmhData() {
    }

    static Path folder() {
        return Path.of(System.getProperty("scms.bench.data", "../shared/data"));
    }

    /** Returns {@code count} memory texts, the same ones for the same count at every run. */
    static List<MemoryText> memories(int count) {
        List<MemoryText> memories = new ArrayList<>(count);
        Path file = folder().resolve("dev-distractors.jsonl");
        if (Files.isRegularFile(file)) {
            for (JsonNode line : readLines(file)) {
                if (memories.size() == count) {
                    break;
                }
                String body = line.path("text").asText();
                memories.add(new MemoryText(kind(line.path("kind").asText()), line.path("domain").asText(),
                        line.path("title").asText(body), body));
            }
        }
        if (memories.size() < count) {
            for (RememberRequest note : Distractors.generate(count - memories.size(), SEED)) {
                memories.add(new MemoryText(note.kind(), note.domain(), note.title().orElseThrow(), note.text()));
            }
        }
        return memories;
    }

    /** Returns the query texts of the development set, or five fixed queries when the file is absent. */
    static List<String> queries() {
        Path file = folder().resolve("dev-queries.jsonl");
        if (!Files.isRegularFile(file)) {
            return FALLBACK_QUERIES;
        }
        return readLines(file).stream().map(line -> line.path("text").asText()).filter(text -> !text.isBlank())
                .toList();
    }

    private static Kind kind(String wireName) {
        try {
            return Kind.valueOf(wireName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Kind.PATTERN;
        }
    }

    private static List<JsonNode> readLines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(JmhData::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file.toAbsolutePath(), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON line: " + line, e);
        }
    }
}
