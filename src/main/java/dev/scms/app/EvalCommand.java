package dev.scms.app;

import dev.scms.config.SettingKey;
import dev.scms.config.Settings;
import dev.scms.core.RememberRequest;
import dev.scms.eval.Distractors;
import dev.scms.eval.EvalQuery;
import dev.scms.eval.EvalSettings;
import dev.scms.eval.Preset;
import dev.scms.eval.PresetCatalog;
import dev.scms.eval.Report;
import dev.scms.eval.RunResult;
import dev.scms.eval.RunSummary;
import dev.scms.eval.WorkloadWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = EvalGenerateCommand.class,
        description = {"Replay dated memories and queries in time order against a fresh temporary store (never "
                + "your database) and print Hit@1/3/5, P@3, MRR, nDCG@10, memories and tokens returned, and "
                + "retrieval times per preset.",
            "Each preset runs on your configuration (SCMS_* variables, then --set) with its own settings on top. "
                + "Long runs (500 or more memories and queries) draw a progress bar per preset on stderr, or print "
                + "a line per tenth when there is no terminal."})
final class EvalCommand implements Callable<Integer> {

    /** Settings that eval sets itself for every replay, so --set values for them would only mislead. */
    private static final Set<String> PINNED = Set.of("home", "db", "model_wait_ms");

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--memories", paramLabel = "FILE", description = "Memories, JSON lines with id, kind, text "
            + "and date each (the format of scms import).")
    Path memories;

    @Option(names = "--queries", paramLabel = "FILE", description = "Queries, JSON lines with id, text, relevant "
            + "(memory ids) and date.")
    Path queries;

    @Option(names = "--preset", defaultValue = "all", paramLabel = "NAMES", description = "Comma-separated presets, "
            + "or all (default: every preset whose settings this build has). Weights: semantic, temporal, usage, "
            + "full and the default relevance-first, each also +lex with BM25 fused in. Strategies over "
            + "relevance-first+lex: "
            + "relevance-first+lex+lb, relevance-first+lex+dropout, relevance-first+lex+hier.")
    String preset;

    @Option(names = "--k", defaultValue = "5", paramLabel = "N", description = "Memories per retrieval counted by "
            + "the returned, tokens and recall figures, 1 to 20 (the rank metrics look at the top 10 regardless).")
    int k;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write eval-results.json into this folder.")
    Path out;

    @Option(names = "--distractors", paramLabel = "FILE", description = "Scale mode: also add the memories of this "
            + "JSON-lines file, none of them relevant. Undated ones are spread over the dataset's dates.")
    Path distractors;

    @Option(names = "--scale", paramLabel = "N", description = "Use the first N lines of --distractors (default: "
            + "all of them).")
    Integer scale;

    @Option(names = "--generate-distractors", paramLabel = "N", description = "Scale mode: also add N generated "
            + "release notes of the generator's domains (1 to 100000), none relevant, spread over the dataset's "
            + "dates.")
    Integer generateDistractors;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of --generate-distractors.")
    long seed;

    @Option(names = "--no-feedback", description = "Do not record uses of the relevant memories that came back.")
    boolean noFeedback;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        SettingsOptions merged = settings.mergedOver(parent.settings);
        Settings loaded = merged.load();
        checkOptions();
        Logging.start(loaded.home(), "WARN");
        PrintWriter err = spec.commandLine().getErr();
        EvalSettings evalSettings = new EvalSettings(System.getenv(), commonSettings(merged.settings));
        List<Preset> presets = presets(loaded, evalSettings, err);
        Dataset dataset = readDataset();

        EvalRun run = new EvalRun(err, evalSettings, loaded, !noFeedback);
        List<RunResult> results = run.replayAll(presets, dataset.memories(), dataset.queries(), k);
        RunSummary summary = new RunSummary(dataset.description(), WorkloadWriter.isGenerated(memories),
                evalSettings.common(), dataset.memories().size(), dataset.queries().size(), run.embeddedTexts(),
                run.embeddingSeconds(), (System.nanoTime() - start) / 1e9);

        spec.commandLine().getOut().print(Report.markdown(summary, results));
        spec.commandLine().getOut().flush();
        err.printf(Locale.ROOT, "eval: %d presets took %.1f s%n", results.size(), summary.totalSeconds());
        if (out != null) {
            Files.createDirectories(out);
            Report.writeJson(summary, results, out.resolve("eval-results.json"));
            err.println("eval: wrote " + out.resolve("eval-results.json"));
        }
        return 0;
    }

    /** The memories to replay, distractors included, the queries, and a description that names the files. */
    private record Dataset(List<RememberRequest> memories, List<EvalQuery> queries, String description) {
    }

    private Dataset readDataset() throws IOException {
        EvalInput input = new EvalInput();
        List<RememberRequest> memoryLines = input.readMemories(memories, "--memories", Integer.MAX_VALUE);
        List<EvalQuery> queryLines = input.readQueries(queries);
        EvalInput.checkRelevantIds(queryLines, memoryLines, queries, memories);
        String description = memories + " + " + queries;
        List<RememberRequest> all = new ArrayList<>(memoryLines);
        if (distractors != null) {
            List<RememberRequest> extra = input.readMemories(distractors, "--distractors", scale == null
                    ? Integer.MAX_VALUE : scale);
            all.addAll(Distractors.spreadOver(extra, memoryLines));
            description += ", " + extra.size() + " distractors from " + distractors;
        }
        if (generateDistractors != null) {
            all.addAll(generated(memoryLines));
            description += ", " + generateDistractors + " generated distractors (seed " + seed + ")";
        }
        return new Dataset(all, queryLines, description);
    }

    private void checkOptions() {
        if (memories == null || queries == null) {
            throw new IllegalArgumentException("scms eval needs --memories FILE and --queries FILE; to make a "
                    + "workload first, run scms eval generate --out DIR");
        }
        if (k < 1 || k > 20) {
            throw new IllegalArgumentException("--k must lie between 1 and 20, got " + k);
        }
        if (scale != null && scale < 0) {
            throw new IllegalArgumentException("--scale must not be negative, got " + scale);
        }
        if (scale != null && distractors == null) {
            throw new IllegalArgumentException("--scale " + scale + " needs --distractors FILE to take lines from");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a folder for eval-results.json");
        }
        if (generateDistractors != null && (generateDistractors < 1 || generateDistractors
                > Distractors.MAX_GENERATED)) {
            throw new IllegalArgumentException("--generate-distractors must lie between 1 and "
                    + Distractors.MAX_GENERATED + ", got " + generateDistractors);
        }
    }

    /**
     * Resolves --preset, reports the presets that {@code all} leaves out because this build lacks
     * their settings, and loads each preset's settings once (and those of its full scan, for a
     * hierarchical preset) so that an invalid value stops the run before the model loads.
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
            if (evalSettings.hierarchical(chosen)) {
                evalSettings.load(chosen, scratch, true);
            }
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

    private List<RememberRequest> generated(List<RememberRequest> memoryLines) {
        List<RememberRequest> notes = Distractors.generate(generateDistractors, seed);
        for (RememberRequest memory : memoryLines) {
            if (memory.externalId().filter(id -> id.startsWith(Distractors.ID_PREFIX)).isPresent()) {
                throw new IllegalArgumentException(memories + ": the id '" + memory.externalId().get() + "' starts "
                        + "with '" + Distractors.ID_PREFIX + "', which --generate-distractors uses for its own "
                        + "memories; rename that id");
            }
        }
        return Distractors.spreadOver(notes, memoryLines);
    }
}
