package dev.scms.config;

import dev.scms.store.postgres.PostgresUrl;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link Settings} from layers of settings (the user settings file, the project settings
 * file, {@code SCMS_*} environment variables, command-line flags), each over the ones before it,
 * over the defaults. It rejects any invalid value with the setting, its source and the value.
 */
public final class SettingsLoader {

    private static final Set<String> MODELS = Set.of("quantized", "full");
    private static final Set<String> PRESETS = Set.of("relevance-first", "semantic", "temporal", "usage", "full");
    private static final Set<String> POLICIES = Set.of("adaptive", "static");
    private static final Set<String> STABILITIES = Set.of("high-churn", "moderate", "stable");
    /** The SQLite store keeps at most 10,000 retrievals in its log by default, so a longer window could not fill. */
    private static final int MAX_ENTROPY_WINDOW = 10_000;

    private final List<SettingsLayer> layers;
    private final String osUser;
    private final Path platformHome;

    /**
     * Builds settings from flags over the environment over the defaults.
     *
     * @param environment the process environment (only {@code SCMS_*} keys are read)
     * @param flags setting keys ({@link SettingKey#key()}) given on the command line
     * @param osUser the operating-system user, the default user name
     * @param platformHome the platform data folder, the default home
     */
    public SettingsLoader(Map<String, String> environment, Map<String, String> flags, String osUser,
            Path platformHome) {
        this(List.of(SettingsLayer.environment(environment), SettingsLayer.commandLine(flags)), osUser, platformHome);
    }

    /**
     * Builds settings from {@code layers}, each of which overrides the ones before it, over the defaults.
     *
     * @param layers the places settings come from, lowest precedence first
     * @param osUser the operating-system user, the default user name
     * @param platformHome the platform data folder, the default home
     */
    public SettingsLoader(List<SettingsLayer> layers, String osUser, Path platformHome) {
        this.layers = List.copyOf(layers);
        this.osUser = osUser == null || osUser.isBlank() ? "unknown" : osUser;
        this.platformHome = platformHome;
    }

    public Settings load() {
        Path home = path(SettingKey.HOME).orElse(platformHome);
        Path database = path(SettingKey.DB).orElse(home.resolve("scms.db"));
        String model = oneOf(SettingKey.MODEL, MODELS);
        int threads = integer(SettingKey.MODEL_THREADS, 1, 16);
        Duration modelWait = Duration.ofMillis(integer(SettingKey.MODEL_WAIT_MS, 0, 120_000));
        String preset = oneOf(SettingKey.PRESET, PRESETS);
        double lexicalWeight = decimal(SettingKey.LEXICAL_WEIGHT, 0.0, 1.0);
        double halfLife = decimal(SettingKey.HALF_LIFE_DAYS, 0.01, 36_500.0);
        double minRelevance = decimal(SettingKey.MIN_RELEVANCE, 0.0, 1.0);
        double minCosine = decimal(SettingKey.MIN_COSINE, 0.0, 1.0);
        double loadBalancing = decimal(SettingKey.LOAD_BALANCING, 0.0, 1.0);
        int k = integer(SettingKey.K, 1, 20);
        int maxTokens = integer(SettingKey.MAX_TOKENS, 200, 20_000);
        String policy = oneOf(SettingKey.PROMOTION_POLICY, POLICIES);
        boolean autoPromote = bool(SettingKey.AUTO_PROMOTE);
        boolean rulesSync = bool(SettingKey.RULES_SYNC);
        Optional<Integer> teamSize = raw(SettingKey.TEAM_SIZE).map(value -> parseInteger(SettingKey.TEAM_SIZE, value, 1,
                10_000));
        Map<String, String> stability = stabilityMap();
        String user = raw(SettingKey.USER).orElse(osUser);
        Optional<String> project = raw(SettingKey.PROJECT).map(this::checkedProject);
        double duplicateThreshold = decimal(SettingKey.DUPLICATE_THRESHOLD, 0.5, 1.0);
        Duration busyTimeout = Duration.ofMillis(integer(SettingKey.BUSY_TIMEOUT_MS, 0, 600_000));
        Path nativeDir = path(SettingKey.NATIVE_DIR).orElse(home.resolve("native"));
        Optional<String> storeUrl = raw(SettingKey.STORE_URL).filter(value -> !value.isBlank()).map(this::checkedStoreUrl);
        return new Settings(home, database, model, threads, modelWait, preset, lexicalWeight, halfLife, minRelevance,
                minCosine, loadBalancing, k, maxTokens, policy, autoPromote, rulesSync, teamSize, stability, user, project,
                duplicateThreshold, busyTimeout, strategies(), nativeDir, storeUrl);
    }

    private StrategySettings strategies() {
        double dropout = decimal(SettingKey.DROPOUT, 0.0, 1.0);
        long dropoutSeed = longInteger(SettingKey.DROPOUT_SEED);
        int hierarchicalMinMemories = integer(SettingKey.HIERARCHICAL_MIN_MEMORIES, 0, 10_000_000);
        int hierarchicalDomains = integer(SettingKey.HIERARCHICAL_DOMAINS, 1, 1_000);
        int entropyWindow = integer(SettingKey.ENTROPY_WINDOW, StrategySettings.MIN_ENTROPY_WINDOW,
                MAX_ENTROPY_WINDOW);
        double entropyAlert = decimal(SettingKey.ENTROPY_ALERT, 0.0, 1.0);
        return new StrategySettings(dropout, dropoutSeed, hierarchicalMinMemories, hierarchicalDomains,
                entropyWindow, entropyAlert);
    }

    /** Returns where each setting's value comes from, for {@code doctor}-style listings. */
    public Map<SettingKey, String> sources() {
        Map<SettingKey, String> sources = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            sources.put(key, source(key));
        }
        return sources;
    }

    /** Returns each setting's value as given, or its default, and where it comes from. */
    public Map<SettingKey, SettingValue> values() {
        Map<SettingKey, SettingValue> values = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            values.put(key, new SettingValue(valueOrDefault(key), source(key)));
        }
        return values;
    }

    /** Returns the value of {@code key} from the layer that sets it last, without checking it. */
    public Optional<String> raw(SettingKey key) {
        return layerOf(key).flatMap(layer -> layer.value(key));
    }

    private String source(SettingKey key) {
        return layerOf(key).map(layer -> layer.describe(key)).orElse("default");
    }

    private Optional<SettingsLayer> layerOf(SettingKey key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).value(key).isPresent()) {
                return Optional.of(layers.get(i));
            }
        }
        return Optional.empty();
    }

    private String valueOrDefault(SettingKey key) {
        return raw(key).orElse(key.defaultValue());
    }

    private Optional<Path> path(SettingKey key) {
        return raw(key).map(value -> {
            try {
                return Path.of(PathText.expandHome(value)).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw invalid(key, value, "is not a valid path: " + e.getReason());
            } catch (IllegalArgumentException e) {
                throw invalid(key, value, "is not a valid path: " + e.getMessage());
            }
        });
    }

    private String oneOf(SettingKey key, Set<String> allowed) {
        String rawValue = valueOrDefault(key);
        String value = rawValue.toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw invalid(key, rawValue, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    private int integer(SettingKey key, int min, int max) {
        return parseInteger(key, valueOrDefault(key), min, max);
    }

    private int parseInteger(SettingKey key, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw invalid(key, value, "must lie between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a whole number between " + min + " and " + max);
        }
    }

    private long longInteger(SettingKey key) {
        String value = valueOrDefault(key);
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a whole number that fits in 64 bits");
        }
    }

    private double decimal(SettingKey key, double min, double max) {
        String value = valueOrDefault(key);
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!(parsed >= min && parsed <= max)) {
                throw invalid(key, value, "must lie between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be a number between " + min + " and " + max);
        }
    }

    private boolean bool(SettingKey key) {
        String rawValue = valueOrDefault(key);
        return switch (rawValue.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, rawValue, "must be true or false");
        };
    }

    private Map<String, String> stabilityMap() {
        Map<String, String> result = new LinkedHashMap<>();
        String value = valueOrDefault(SettingKey.DOMAIN_STABILITY);
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            String stability = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT).replace('_', '-') : "";
            if (parts[0].isBlank() || !STABILITIES.contains(stability)) {
                throw invalid(SettingKey.DOMAIN_STABILITY, entry,
                        "must be domain=stability with stability high-churn, moderate or stable");
            }
            result.put(parts[0].strip().toLowerCase(Locale.ROOT), stability);
        }
        return result;
    }

    /** Checks the project setting as a request's project argument is checked, so that a bad one stops the start. */
    private String checkedProject(String value) {
        Optional<String> problem = ProjectSpelling.problem(value);
        if (problem.isPresent()) {
            throw invalid(SettingKey.PROJECT, value, problem.get());
        }
        return value;
    }

    /** Checks the store URL at start, so a bad one stops every command before it opens a store. */
    private String checkedStoreUrl(String value) {
        if (!PostgresUrl.isPostgresUrl(value)) {
            throw invalid(SettingKey.STORE_URL, PostgresUrl.masked(value), "must start with postgresql://, postgres:// "
                    + "or jdbc:postgresql://, e.g. postgresql://scms@db.example:5432/scms; unset it to use the SQLite "
                    + "file db");
        }
        try {
            PostgresUrl.parse(value, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("invalid setting " + SettingKey.STORE_URL.key() + " ("
                    + source(SettingKey.STORE_URL) + "): " + e.getMessage());
        }
        return value.strip();
    }

    private InvalidSettingException invalid(SettingKey key, String value, String problem) {
        return new InvalidSettingException("invalid setting " + key.key() + " (" + source(key) + "): "
                + EchoedText.quote(value) + " " + problem);
    }
}
