package dev.scms.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective settings of one process, validated once at start by {@link SettingsLoader}.
 *
 * <p>{@code preset} names the router weights (semantic, temporal, usage, full).
 * {@code lexicalWeight} is the share of BM25 in the relevance fusion and {@code minRelevance}
 * the relevance gate. {@code minCosine} is the cosine a memory needs besides while the model is
 * ready, so that a strong word match alone never passes. {@code duplicateThreshold} is the
 * cosine above which a logged failure counts as re-discovered. {@code modelWait} bounds how
 * long a retrieval waits for the embedding model before it falls back to the lexical channel.
 * {@code strategies} contains the settings of the router strategies other than load balancing.
 * {@code nativeDir} is the folder the native libraries are loaded from. {@code storeUrl}, when
 * set, is the URL of a PostgreSQL store, which then replaces the SQLite file {@code database}.
 */
public record Settings(
        Path home,
        Path database,
        String model,
        int modelThreads,
        Duration modelWait,
        String preset,
        double lexicalWeight,
        double halfLifeDays,
        double minRelevance,
        double minCosine,
        double loadBalancing,
        int defaultK,
        int maxTokens,
        String promotionPolicy,
        boolean autoPromote,
        boolean rulesSync,
        Optional<Integer> teamSize,
        Map<String, String> domainStability,
        String user,
        Optional<String> project,
        double duplicateThreshold,
        Duration busyTimeout,
        StrategySettings strategies,
        Path nativeDir,
        Optional<String> storeUrl) {

    public Settings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelWait, "modelWait");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(promotionPolicy, "promotionPolicy");
        Objects.requireNonNull(teamSize, "teamSize");
        domainStability = Map.copyOf(domainStability);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(strategies, "strategies");
        Objects.requireNonNull(nativeDir, "nativeDir");
        Objects.requireNonNull(storeUrl, "storeUrl");
    }

    /** Returns a copy that stores its data in another file, for tests and the evaluation. */
    public Settings withDatabase(Path newDatabase) {
        return new Settings(home, newDatabase, model, modelThreads, modelWait, preset, lexicalWeight, halfLifeDays,
                minRelevance, minCosine, loadBalancing, defaultK, maxTokens, promotionPolicy, autoPromote, rulesSync,
                teamSize, domainStability, user, project, duplicateThreshold, busyTimeout, strategies, nativeDir,
                storeUrl);
    }
}
