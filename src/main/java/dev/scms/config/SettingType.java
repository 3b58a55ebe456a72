package dev.scms.config;

/** The TOML type a settings file must give each setting; the loader checks ranges and names after that. */
public enum SettingType {
    /** A TOML string holding a path; {@code ~/} is the user's home and a relative path starts at the file's folder. */
    PATH("a path in quotes, e.g. \"~/scms\""),
    TEXT("text in quotes"),
    INTEGER("a whole number"),
    DECIMAL("a number"),
    BOOLEAN("true or false"),
    /** A TOML table of domain = "stability", or the same pairs as text {@code "react=high-churn"}. */
    DOMAIN_MAP("a table such as [domain_stability] with react = \"high-churn\"");

    private final String expected;

    SettingType(String expected) {
        this.expected = expected;
    }

    /** Describes the values a file may give, for error messages. */
    public String expected() {
        return expected;
    }

    public static SettingType of(SettingKey key) {
        return switch (key) {
            case HOME, DB, NATIVE_DIR -> PATH;
            case MODEL, PRESET, PROMOTION_POLICY, USER, PROJECT, STORE_URL -> TEXT;
            case MODEL_THREADS, MODEL_WAIT_MS, DROPOUT_SEED, HIERARCHICAL_MIN_MEMORIES, HIERARCHICAL_DOMAINS,
                    ENTROPY_WINDOW, K, MAX_TOKENS, TEAM_SIZE, BUSY_TIMEOUT_MS -> INTEGER;
            case LEXICAL_WEIGHT, HALF_LIFE_DAYS, MIN_RELEVANCE, MIN_COSINE, LOAD_BALANCING, DROPOUT, ENTROPY_ALERT,
                    DUPLICATE_THRESHOLD -> DECIMAL;
            case AUTO_PROMOTE, RULES_SYNC -> BOOLEAN;
            case DOMAIN_STABILITY -> DOMAIN_MAP;
        };
    }
}
