package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scms.core.RememberRequest;
import dev.scms.eval.Distractors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the benchmark's memories as one JSON-lines file that {@code scms import} reads: the
 * dataset's memories first, then the real distractors, then generated distractors up to the
 * requested count. Every prefix of the file is therefore a valid smaller benchmark set that
 * contains all the relevant memories. So the script builds the 1k, 10k and 100k
 * databases one after the other by importing only the lines each size adds.
 *
 * <p>Distractors without a date get one drawn uniformly over the span of the dataset's dates,
 * so that the recency term neither favours nor buries them, in any prefix.
 *
 * <pre>java -cp scms.jar:test-classes dev.scms.bench.BenchData MEMORIES DISTRACTORS COUNT OUT</pre>
 */
public final class BenchData {

    /** Seed of the generated distractors and of the drawn dates; fixed so that cached databases stay valid. */
    static final long SEED = 42;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BenchData MEMORIES DISTRACTORS COUNT OUT");
            System.exit(2);
        }
        int count = Integer.parseInt(args[2]);
        List<ObjectNode> lines = build(Path.of(args[0]), Path.of(args[1]), count);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
            for (ObjectNode line : lines) {
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    /** Returns {@code count} memory lines: the dataset's, the real distractors', then generated ones. */
    static List<ObjectNode> build(Path memories, Path distractors, int count) throws IOException {
        List<ObjectNode> dataset = read(memories);
        List<ObjectNode> lines = new ArrayList<>(dataset);
        for (ObjectNode line : read(distractors)) {
            if (lines.size() == count) {
                break;
            }
            lines.add(line);
        }
        if (lines.size() > count) {
            throw new IllegalArgumentException("count " + count + " is smaller than the " + dataset.size()
                    + " memories of " + memories);
        }
        if (lines.size() < count) {
            for (RememberRequest note : Distractors.generate(count - lines.size(), SEED)) {
                lines.add(line(note));
            }
        }
        dateUndated(lines, dataset);
        return lines;
    }

    private static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!text.isBlank()) {
                lines.add((ObjectNode) JSON.readTree(text));
            }
        }
        return lines;
    }

    private static ObjectNode line(RememberRequest note) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", note.externalId().orElseThrow());
        line.put("kind", note.kind().wireName());
        line.put("title", note.title().orElseThrow());
        line.put("domain", note.domain());
        line.put("text", note.text());
        return line;
    }

    private static void dateUndated(List<ObjectNode> lines, List<ObjectNode> dataset) {
        List<Instant> dates = new ArrayList<>();
        for (JsonNode line : dataset) {
            if (line.hasNonNull("date")) {
                dates.add(LocalDate.parse(line.get("date").asText()).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        }
        if (dates.isEmpty()) {
            return;
        }
        long first = dates.stream().min(Instant::compareTo).orElseThrow().getEpochSecond();
        long span = dates.stream().max(Instant::compareTo).orElseThrow().getEpochSecond() - first;
        Random random = new Random(SEED);
        for (ObjectNode line : lines) {
            if (!line.hasNonNull("date")) {
                line.put("date", Instant.ofEpochSecond(first + (long) (random.nextDouble() * span)).toString());
            }
        }
    }
}
