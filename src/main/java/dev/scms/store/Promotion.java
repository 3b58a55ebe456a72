package dev.scms.store;

import dev.scms.model.ProjectKey;
import java.time.Instant;
import java.util.Map;

/** A recorded promotion of a pattern into an L1 rule of a project. */
public record Promotion(long id, long patternId, long ruleId, ProjectKey project, String policy,
        Map<String, Object> evidence, Instant at) {

    public Promotion {
        evidence = Map.copyOf(evidence);
    }
}
