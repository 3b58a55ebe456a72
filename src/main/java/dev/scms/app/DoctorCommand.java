package dev.scms.app;

import dev.scms.app.doctor.Check;
import dev.scms.app.doctor.ClientEntry;
import dev.scms.app.doctor.DatabaseChecks;
import dev.scms.app.doctor.DoctorReport;
import dev.scms.app.doctor.ModelCheck;
import dev.scms.app.doctor.PostgresChecks;
import dev.scms.app.doctor.SettingsChecks;
import dev.scms.app.doctor.SystemChecks;
import dev.scms.config.InvalidSettingException;
import dev.scms.config.SettingKey;
import dev.scms.config.SettingValue;
import dev.scms.config.Settings;
import dev.scms.config.SettingsFiles;
import dev.scms.config.SettingsLayer;
import dev.scms.config.SettingsLoader;
import dev.scms.embed.ModelVariant;
import dev.scms.store.postgres.PostgresUrl;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Checks this installation and prints how to register it with an assistant; it never writes the database. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check Java, the data folder, the "
        + "settings files, the database (read-only; with store_url set, that the PostgreSQL store can be reached) "
        + "and the model, and print the client configuration. Exits with 1 when a check fails.")
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SettingsOptions options = settings.mergedOver(parent.settings);
        List<Check> checks = new ArrayList<>();
        checks.add(SystemChecks.java(Runtime.version(), System.getProperty("java.vendor"),
                System.getProperty("java.home")));
        Map<SettingKey, SettingValue> shown = Map.of();
        Optional<ClientEntry> client = Optional.empty();
        try {
            SettingsFiles.Stack stack = options.stack(Optional.empty());
            checks.addAll(SettingsChecks.files(stack));
            SettingsLoader loader = stack.loader(System.getProperty("user.name"), SettingsOptions.platformHome());
            Settings loaded = loader.load();
            checks.add(SettingsChecks.valid(loader.values()));
            shown = SettingsChecks.effective(loader.values(), loaded);
            checks.addAll(installation(loaded));
            client = client(checks, entryEnvironment(stack, loaded));
        } catch (InvalidSettingException e) {
            checks.add(Check.fail("settings", e.getMessage()));
        }
        DoctorReport report = new DoctorReport(checks, shown, client);
        spec.commandLine().getOut().print(json ? report.json() : report.text());
        spec.commandLine().getOut().flush();
        return report.failed() ? ErrorHandler.FAILURE : 0;
    }

    private static List<Check> installation(Settings loaded) {
        if (Files.isDirectory(loaded.home())) {
            Logging.start(loaded.home(), "WARN");
        }
        List<Check> checks = new ArrayList<>(SystemChecks.dataFolder(loaded.home()));
        checks.add(nativeCheck(NativeLibraries.install(loaded.nativeDir())));
        String modelId = ModelVariant.parse(loaded.model()).map(ModelVariant::modelId).orElse(loaded.model());
        Optional<PostgresUrl> storeUrl = StoreSelection.postgresUrl(loaded);
        if (storeUrl.isPresent()) {
            checks.addAll(PostgresChecks.check(storeUrl.get(), modelId));
        } else {
            checks.addAll(DatabaseChecks.check(loaded.database(), modelId, loaded.busyTimeout()));
        }
        checks.add(ModelCheck.check(loaded.model(), loaded.modelThreads()));
        return checks;
    }

    /** Reports whether the native libraries could be placed in, and SQLite's loaded from, native_dir. */
    static Check nativeCheck(NativeLibraries.Status status) {
        List<String> failures = new ArrayList<>();
        status.sqliteFailure().ifPresent(failures::add);
        status.modelFailure().ifPresent(failures::add);
        if (failures.isEmpty()) {
            return Check.ok("native", "native libraries in " + status.folder());
        }
        return Check.fail("native", String.join("; ", failures));
    }

    /** Returns the entry for the jar this program runs from, or adds a warning when it runs from classes. */
    private static Optional<ClientEntry> client(List<Check> checks, Map<String, String> env) {
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        Path location;
        try {
            location = source == null ? Path.of("") : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            checks.add(Check.warn("client", "the location of scms.jar cannot be found: " + e.getMessage()));
            return Optional.empty();
        }
        if (!Files.isRegularFile(location)) {
            checks.add(Check.warn("client", "running from " + location + ", not from scms.jar; build the jar "
                    + "with mvn package for a client configuration"));
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        ClientEntry entry = ClientEntry.forJar(location, java, windows, env);
        checks.add(Check.ok("client", "the client runs " + entry.command()));
        return Optional.of(entry);
    }

    /**
     * Returns the settings an assistant needs to reach the same data: home, db and store_url when
     * they came from the environment or the command line, and a settings file named by --config or
     * SCMS_CONFIG.
     */
    /** Stands for the store's password in a printed client entry; the user puts the real one there. */
    static final String PASSWORD_PLACEHOLDER = "<replace with the password>";

    private static Map<String, String> entryEnvironment(SettingsFiles.Stack stack, Settings loaded) {
        Map<String, String> env = new LinkedHashMap<>();
        boolean homeGiven = false;
        boolean dbGiven = false;
        boolean storeUrlGiven = false;
        for (SettingsLayer layer : stack.layers()) {
            boolean outside = layer.origin() == SettingsLayer.Origin.ENVIRONMENT
                    || layer.origin() == SettingsLayer.Origin.COMMAND_LINE;
            homeGiven |= outside && layer.value(SettingKey.HOME).isPresent();
            dbGiven |= outside && layer.value(SettingKey.DB).isPresent();
            storeUrlGiven |= outside && layer.value(SettingKey.STORE_URL).isPresent();
        }
        if (homeGiven) {
            env.put(SettingKey.HOME.environmentVariable(), loaded.home().toString());
        }
        if (dbGiven) {
            env.put(SettingKey.DB.environmentVariable(), loaded.database().toString());
        }
        // The entry never contains the password. SCMS_STORE_PASSWORD gets a placeholder for the
        // user to replace, so the copied entry names the variable it needs to log in.
        if (storeUrlGiven) {
            StoreSelection.postgresUrl(loaded).ifPresent(url -> {
                env.put(SettingKey.STORE_URL.environmentVariable(), url.display());
                if (url.password().isPresent()) {
                    env.put(PostgresUrl.PASSWORD_VARIABLE, PASSWORD_PLACEHOLDER);
                }
            });
        }
        stack.candidates().stream().filter(SettingsFiles.Candidate::named).findFirst()
                .ifPresent(candidate -> env.put(SettingsFiles.CONFIG_VARIABLE, candidate.file().toString()));
        return env;
    }
}
