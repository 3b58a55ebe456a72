package dev.scms.eval;

import java.util.Map;
import java.util.Objects;

/**
 * The result of replaying a dataset under one preset: the settings it ran with besides the
 * environment, its metrics and the wall-clock time of the replay in seconds.
 */
public record RunResult(Preset preset, Map<String, String> settings, Metrics metrics, double seconds) {

    public RunResult {
        Objects.requireNonNull(preset, "preset");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(metrics, "metrics");
    }
}
