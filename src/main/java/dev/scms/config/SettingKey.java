package dev.scms.config;

import java.util.Locale;

/**
 * Every setting with its environment variable and default. Command-line flags override
 * environment variables, which override the project and user settings files, which override
 * the defaults; {@link SettingsFiles} stacks them.
 */
public enum SettingKey {
    HOME("home", "data folder; holds scms.db and logs", "platform data folder"),
    DB("db", "database file", "<home>/scms.db"),
    MODEL("model", "embedding model: quantized or full all-MiniLM-L6-v2", "quantized"),
    MODEL_THREADS("model_threads", "threads ONNX Runtime uses per embedding", "1"),
    MODEL_WAIT_MS("model_wait_ms", "milliseconds a retrieval waits for the model before it answers lexically", "3000"),
    PRESET("preset", "router weights: relevance-first, semantic, temporal, usage or full", "relevance-first"),
    LEXICAL_WEIGHT("lexical_weight", "share of BM25 in relevance, 0..1", "0.2"),
    HALF_LIFE_DAYS("half_life_days", "half-life of the temporal term, in days", "14"),
    MIN_RELEVANCE("min_relevance", "relevance gate, 0..1", "0.3"),
    MIN_COSINE("min_cosine", "cosine a memory needs besides the relevance gate while the model is ready, 0..1",
            "0.35"),
    LOAD_BALANCING("load_balancing", "load-balancing weight lambda_lb, 0..1 (0 is off)", "0"),
    DROPOUT("dropout", "probability that a retrieval leaves out its most-used pick for the next candidate, 0..1 "
            + "(0 is off)", "0"),
    DROPOUT_SEED("dropout_seed", "seed of the dropout random source; the same seed repeats the same choices",
            "42"),
    HIERARCHICAL_MIN_MEMORIES("hierarchical_min_memories", "memories in scope from which a retrieval scores only "
            + "the domains nearest the query, 0..10000000 (0 is off)", "0"),
    HIERARCHICAL_DOMAINS("hierarchical_domains", "number of domains nearest the query that hierarchical routing "
            + "scores, 1..1000", "3"),
    ENTROPY_WINDOW("entropy_window", "number of recent retrievals that selection entropy, sparsity and token "
            + "figures are taken over, 20..10000", "100"),
    ENTROPY_ALERT("entropy_alert", "selection entropy below which a WARN is logged and memory_stats raises an "
            + "alert, 0..1 (0 is off)", "0.3"),
    K("k", "default number of patterns a retrieval returns, 1..20", "5"),
    MAX_TOKENS("max_tokens", "default token budget of one retrieval, 200..20000", "2000"),
    PROMOTION_POLICY("promotion_policy", "adaptive or static", "adaptive"),
    AUTO_PROMOTE("auto_promote", "promote as soon as a pattern becomes eligible: true or false", "false"),
    RULES_SYNC("rules_sync", "after each promotion, write the project's rules into the files assistants load "
            + "(as scms rules sync does) when the project is a folder: true or false", "false"),
    TEAM_SIZE("team_size", "team size for adaptive promotion; unset counts distinct users", ""),
    DOMAIN_STABILITY("domain_stability",
            "per-domain stability, e.g. react=high-churn,postgres=stable (high-churn, moderate, stable)", ""),
    USER("user", "user name recorded with each use", "the OS user"),
    PROJECT("project", "project (name or folder) of requests that name none, for clients without root folders",
            "the client's root folder, else the working folder"),
    DUPLICATE_THRESHOLD("duplicate_threshold", "cosine above which a logged failure is re-discovered, 0.5..1",
            "0.85"),
    BUSY_TIMEOUT_MS("busy_timeout_ms", "milliseconds to wait for another process's write lock", "5000"),
    NATIVE_DIR("native_dir", "folder where SCMS places the native libraries of SQLite, ONNX Runtime and the "
            + "tokenizer once and loads them from at each start; it must be writable and allow executing files",
            "<home>/native"),
    STORE_URL("store_url", "team store: a PostgreSQL URL such as postgresql://scms@db.example:5432/scms; unset uses "
            + "the SQLite file db", "");

    private final String key;
    private final String description;
    private final String defaultValue;

    SettingKey(String key, String description, String defaultValue) {
        this.key = key;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** Returns the key as written in flags ({@code --min-relevance}) after dashes become underscores. */
    public String key() {
        return key;
    }

    public String environmentVariable() {
        return "SCMS_" + key.toUpperCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public String defaultValue() {
        return defaultValue;
    }
}
