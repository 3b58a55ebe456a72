package dev.scms.eval;

import java.util.Map;
import java.util.Objects;

/**
 * The inputs and duration of one {@code scms eval} run: the dataset's description
 * (file names and any distractors), whether it is a generated workload, the settings given to
 * every preset, the counts of memories and queries, the distinct memory texts the model embedded
 * with the seconds that took, and the wall-clock seconds of the whole run.
 */
public record RunSummary(String dataset, boolean generated, Map<String, String> commonSettings, int memories,
        int queries, int embeddedTexts, double embeddingSeconds, double totalSeconds) {

    public RunSummary {
        Objects.requireNonNull(dataset, "dataset");
        commonSettings = Map.copyOf(commonSettings);
    }
}
