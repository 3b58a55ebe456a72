package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.bench.BenchQueries.Query;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The end-to-end benchmark's driver, which {@code scripts/bench} runs after it has built the
 * databases: it starts the server through {@code scripts/scms serve} and, when given, the
 * reference memory server, drives both with the MCP Java SDK's client over stdio, and writes
 * {@code results.json} and {@code results.md}. Run {@code scripts/bench --help} for the options.
 */
public final class EndToEndBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 20;
    /** Size whose database the repeated starts use, the size of the start-up targets. */
    private static final int START_SIZE = 10_000;

    private final BenchOptions options;
    private final BenchReport report;

    private EndToEndBenchmark(BenchOptions options) {
        this.options = options;
        this.report = new BenchReport(options);
    }

    public static void main(String[] args) throws Exception {
        new EndToEndBenchmark(BenchOptions.parse(args)).run();
    }

    private void run() throws IOException, InterruptedException {
        List<Query> originals = BenchQueries.read(options.queriesFile());
        List<Query> timed = BenchQueries.timed(originals, options.queries());
        List<String> warmUp = BenchQueries.warmUp(originals, timed, WARM_UP);
        report.queries(originals.size(), timed.size(), warmUp.size());
        report.imports(ImportLog.read(options.imports()));
        ScmsRuns scms = new ScmsRuns(options.launcher());
        if (options.scms()) {
            measureStarts(scms);
        }
        List<JsonNode> memories = readMemories(options.memoriesFile(), options.databases().lastKey());
        for (Map.Entry<Integer, Path> database : options.databases().entrySet()) {
            int size = database.getKey();
            if (options.scms()) {
                List<ScmsRuns.Run> runs = new ArrayList<>();
                for (int run = 1; run <= options.runs(); run++) {
                    log("SCMS at %d memories, run %d of %d", size, run, options.runs());
                    runs.add(scms.run(database.getValue(), warmUp, timed, originals.size(), run));
                }
                report.scms(size, runs);
            }
            options.peer().ifPresent(main -> peer(new PeerRuns(main), size, memories.subList(0, size), warmUp,
                    originals));
        }
        report.finish(loadAverage());
        report.write(options.out());
    }

    private void measureStarts(ScmsRuns scms) throws IOException, InterruptedException {
        Map.Entry<Integer, Path> database = options.databases().floorEntry(START_SIZE);
        if (database == null) {
            database = options.databases().firstEntry();
        }
        log("one start on the %d-memory database to warm the page cache, not counted", database.getKey());
        scms.start(database.getValue());
        List<ScmsRuns.Start> starts = new ArrayList<>();
        for (int i = 1; i <= options.starts(); i++) {
            log("start %d of %d", i, options.starts());
            starts.add(scms.start(database.getValue()));
        }
        report.starts(database.getKey(), starts);
    }

    private void peer(PeerRuns peer, int size, List<JsonNode> memories, List<String> warmUp, List<Query> originals) {
        try {
            List<String> texts = memories.stream()
                    .map(memory -> memory.path("title").asText("") + " " + memory.get("text").asText()).toList();
            Map<String, Integer> frequencies = BenchQueries.documentFrequencies(texts);
            List<Optional<String>> keywords = originals.stream()
                    .map(query -> BenchQueries.keyword(query.text(), frequencies)).toList();
            Path folder = Files.createTempDirectory("peer-bench");
            Path file = folder.resolve("memory.jsonl");
            log("reference server: loading %d entities", size);
            double loadMillis = peer.load(file, memories);
            List<PeerRuns.Run> runs = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                log("reference server at %d memories, run %d of %d", size, run, options.runs());
                runs.add(peer.run(file, warmUp, originals, keywords));
            }
            report.peer(size, loadMillis, keywords, runs);
            ScmsRuns.delete(folder);
        } catch (IOException | RuntimeException e) {
            log("reference server at %d memories failed: %s", size, e);
            report.peerFailure(size, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the reference server run", e);
        }
    }

    private static List<JsonNode> readMemories(Path file, int count) throws IOException {
        List<JsonNode> memories = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (memories.size() < count && (line = reader.readLine()) != null) {
                memories.add(JSON.readTree(line));
            }
        }
        return memories;
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static void log(String format, Object... arguments) {
        System.err.println("bench: " + String.format(java.util.Locale.ROOT, format, arguments));
    }

    /** The import log that scripts/bench writes: one line per import with size, count, milliseconds and a note. */
    record ImportLog(int size, int count, double millis, String note) {

        static List<ImportLog> read(Path file) throws IOException {
            List<ImportLog> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 4);
                if (fields.length == 4) {
                    lines.add(new ImportLog(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                            Double.parseDouble(fields[2]), fields[3]));
                }
            }
            return lines;
        }
    }

    /**
     * Command-line options as scripts/bench passes them. With {@code --skip-scms true} only the
     * reference server runs, and the database folders of {@code --db} are not read.
     */
    record BenchOptions(Path launcher, Path queriesFile, Path memoriesFile, Path imports, Path out, int starts,
            int runs, int queries, String machine, String loadBefore, TreeMap<Integer, Path> databases,
            Optional<Path> peer, boolean scms) {

        static BenchOptions parse(String[] args) {
            Map<String, String> values = new TreeMap<>();
            TreeMap<Integer, Path> databases = new TreeMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (args[i].equals("--db")) {
                    String[] sizeAndPath = args[i + 1].split("=", 2);
                    databases.put(Integer.parseInt(sizeAndPath[0]), Path.of(sizeAndPath[1]));
                } else {
                    values.put(args[i].substring(2), args[i + 1]);
                }
            }
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("no --db SIZE=FOLDER given");
            }
            return new BenchOptions(Path.of(required(values, "launcher")), Path.of(required(values, "queries-file")),
                    Path.of(required(values, "memories-file")), Path.of(required(values, "imports")),
                    Path.of(required(values, "out")), Integer.parseInt(values.getOrDefault("starts", "10")),
                    Integer.parseInt(values.getOrDefault("runs", "3")),
                    Integer.parseInt(values.getOrDefault("queries", "200")), values.getOrDefault("machine", ""),
                    values.getOrDefault("load-before", ""), databases,
                    Optional.ofNullable(values.get("peer")).map(Path::of),
                    !Boolean.parseBoolean(values.getOrDefault("skip-scms", "false")));
        }

        private static String required(Map<String, String> values, String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("missing option --" + name);
            }
            return value;
        }
    }
}
