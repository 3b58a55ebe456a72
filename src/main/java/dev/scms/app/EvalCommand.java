package dev.scms.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.config.SettingKey;
import dev.scms.config.Settings;
import dev.scms.core.RememberRequest;
import dev.scms.embed.MiniLmEmbedder;
import dev.scms.embed.ModelVariant;
import dev.scms.eval.EvalQuery;
import dev.scms.eval.EvalSettings;
import dev.scms.eval.Metrics;
import dev.scms.eval.Preset;
import dev.scms.eval.PresetCatalog;
import dev.scms.eval.Replay;
import dev.scms.eval.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Replays a dated dataset against temporary stores and prints retrieval metrics per router preset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Replay dated memories and queries in time order against a fresh temporary store (never "
                + "your database) and print Hit@1/3/5, P@3, MRR, nDCG@10, sparsity and tokens per preset.",
            "Each preset runs on your configuration (SCMS_* variables, then --set) with its own settings on top."})
final class EvalCommand implements Callable<Integer> {

    /** Settings that eval sets itself for every replay, so --set values for them would only mislead. */
    private static final Set<String> PINNED = Set.of("home", "db", "model_wait_ms");

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--memories", required = true, paramLabel = "FILE", description = "Memories, JSON lines "
            + "with a date each.")
    Path memories;

    @Option(names = "--queries", required = true, paramLabel = "FILE", description = "Queries, JSON lines with "
            + "id, text, relevant (external ids) and date.")
    Path queries;

    @Option(names = "--preset", defaultValue = "all", paramLabel = "NAMES", description = "Comma-separated presets, "
            + "or all (default: every preset whose settings this build has). Weights: semantic, temporal, usage, "
            + "full, each also +lex with BM25 fused in. Strategies over full+lex: full+lex+lb, full+lex+dropout, "
            + "full+lex+hier.")
    String preset;

    @Option(names = "--k", defaultValue = "5", paramLabel = "N", description = "Memories per retrieval counted by "
            + "the sparsity and token figures (the metrics look at the top 10 regardless).")
    int k;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write eval-results.json into this folder.")
    Path out;

    @Option(names = "--distractors", paramLabel = "FILE", description = "Scale mode: also add memories from this "
            + "JSON-lines file, none of them relevant, to see how quality and latency change with store size.")
    Path distractors;

    @Option(names = "--scale", paramLabel = "N", description = "Use the first N lines of --distractors (default: "
            + "all of them).")
    Integer scale;

    @Option(names = "--no-feedback", description = "Do not record uses of the relevant memories that came back.")
    boolean noFeedback;

    @Override
    public Integer call() throws IOException {
        SettingsOptions merged = settings.mergedOver(parent.settings);
        Settings loaded = merged.load();
        Logging.start(loaded.home(), "WARN");
        PrintWriter err = spec.commandLine().getErr();
        EvalSettings evalSettings = new EvalSettings(System.getenv(), commonSettings(merged.settings));
        List<Preset> presets = presets(loaded, evalSettings, err);
        List<RememberRequest> memoryLines = loadMemories();
        List<EvalQuery> queryLines = readQueries();

        List<Metrics> results = replay(loaded, evalSettings, presets, memoryLines, queryLines);

        spec.commandLine().getOut().print(Report.markdown(results));
        spec.commandLine().getOut().flush();
        if (out != null) {
            Files.createDirectories(out);
            Report.writeJson(results, out.resolve("eval-results.json"));
            spec.commandLine().getErr().println("eval: wrote " + out.resolve("eval-results.json"));
        }
        return 0;
    }

    /**
     * Resolves --preset, reports the presets that {@code all} leaves out because this build lacks
     * their settings, and loads each preset's settings once so that an invalid value stops the
     * run before the model loads.
     */
    private List<Preset> presets(Settings loaded, EvalSettings evalSettings, PrintWriter err) {
        Set<String> known = Arrays.stream(SettingKey.values()).map(SettingKey::key).collect(Collectors.toSet());
        PresetCatalog catalog = new PresetCatalog(loaded.lexicalWeight());
        List<Preset> selected = catalog.select(preset, known);
        if (Arrays.stream(preset.split(",")).anyMatch(name -> name.strip().equalsIgnoreCase("all"))) {
            for (Preset skipped : catalog.unsupported(known)) {
                err.println("eval: skipped preset " + skipped.name() + ": this build has no setting " + String.join(
                        ", ", skipped.overrides().keySet().stream().filter(key -> !known.contains(key)).toList()));
            }
        }
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        for (Preset chosen : selected) {
            evalSettings.load(chosen, scratch, false);
            for (String own : evalSettings.shadowed(chosen)) {
                err.println("eval: preset " + chosen.name() + " keeps its own " + own + " over --set");
            }
        }
        return selected;
    }

    /** Returns the --set values with keys written as the settings loader reads them, without the pinned ones. */
    private static Map<String, String> commonSettings(Map<String, String> flags) {
        Map<String, String> common = new LinkedHashMap<>();
        flags.forEach((key, value) -> common.put(key.strip().toLowerCase(Locale.ROOT).replace('-', '_'), value
                .strip()));
        common.keySet().removeAll(PINNED);
        return common;
    }

    private List<RememberRequest> loadMemories() throws IOException {
        List<RememberRequest> memoryLines = readMemories(memories, Integer.MAX_VALUE);
        if (distractors != null) {
            if (scale != null && scale < 0) {
                throw new IllegalArgumentException("--scale must not be negative, got " + scale);
            }
            int max = scale == null ? Integer.MAX_VALUE : scale;
            memoryLines.addAll(spreadOver(readMemories(distractors, max), memoryLines));
        }
        return memoryLines;
    }

    /** Runs every preset in a temporary folder of its own, which is deleted afterwards. */
    private List<Metrics> replay(Settings loaded, EvalSettings evalSettings, List<Preset> presets,
            List<RememberRequest> memoryLines, List<EvalQuery> queryLines) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<Metrics> results = new ArrayList<>();
        Path work = Files.createTempDirectory("scms-eval-");
        ModelVariant variant = ModelVariant.parse(loaded.model()).orElseThrow();
        try (MiniLmEmbedder embedder = MiniLmEmbedder.load(variant, loaded.modelThreads())) {
            Replay replay = new Replay(embedder, work, evalSettings, !noFeedback);
            for (int i = 0; i < presets.size(); i++) {
                err.printf("eval: preset %s (%d of %d), %d memories, %d queries%n", presets.get(i).name(), i + 1,
                        presets.size(), memoryLines.size(), queryLines.size());
                results.add(replay.run(presets.get(i), memoryLines, queryLines, k));
            }
        } finally {
            deleteTree(work);
        }
        return results;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Gives undated distractors dates spread evenly over the span of the dated memories. Left at
     * the start of the timeline, they would be older than every real memory, and the recency
     * term alone would push them down.
     */
    private static List<RememberRequest> spreadOver(List<RememberRequest> distractors, List<RememberRequest> dated) {
        List<Instant> dates = dated.stream().flatMap(memory -> memory.createdAt().stream()).sorted().toList();
        if (dates.isEmpty()) {
            return distractors;
        }
        long first = dates.get(0).getEpochSecond();
        long span = dates.get(dates.size() - 1).getEpochSecond() - first;
        List<RememberRequest> spread = new ArrayList<>(distractors.size());
        for (int i = 0; i < distractors.size(); i++) {
            RememberRequest memory = distractors.get(i);
            Instant at = Instant.ofEpochSecond(first + span * i / Math.max(1, distractors.size()));
            spread.add(memory.createdAt().isPresent() ? memory : new RememberRequest(memory.text(), memory.title(),
                    memory.kind(), memory.project(), memory.domain(), memory.tags(), memory.importance(),
                    memory.details(), Optional.of(at), memory.externalId()));
        }
        return spread;
    }

    private static List<RememberRequest> readMemories(Path file, int max) throws IOException {
        JsonLines format = new JsonLines();
        List<RememberRequest> result = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size() && result.size() < max; i++) {
            if (!lines.get(i).isBlank()) {
                result.add(format.parse(lines.get(i), i + 1, false));
            }
        }
        return result;
    }

    private List<EvalQuery> readQueries() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<EvalQuery> result = new ArrayList<>();
        List<String> lines = Files.readAllLines(queries, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(lines.get(i));
            List<String> relevant = new ArrayList<>();
            node.path("relevant").forEach(id -> relevant.add(id.asText()));
            if (!node.path("text").isTextual() || relevant.isEmpty()) {
                throw new IllegalArgumentException(queries + " line " + (i + 1) + ": a query needs 'text' and a "
                        + "non-empty 'relevant' list");
            }
            result.add(new EvalQuery(node.path("id").asText("q" + (i + 1)), node.get("text").asText(), relevant,
                    date(node.path("date").asText(""))));
        }
        return result;
    }

    private static Optional<Instant> date(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text));
    }
}
