package dev.scms.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the settings files of one command and stacks every source of settings in precedence
 * order: defaults, the user settings file, the project settings file, {@code SCMS_*}
 * environment variables, command-line flags.
 *
 * <p>The user settings file is {@code --config FILE}, else {@code SCMS_CONFIG}, else
 * {@value #USER_FILE_NAME} in the platform config folder; only a named file must exist. The
 * project settings file is {@value #PROJECT_FILE_NAME} in the project folder: the command's
 * {@code --project} folder, else the {@code project} setting when it names a folder, else the
 * working folder.
 */
public final class SettingsFiles {

    public static final String USER_FILE_NAME = "config.toml";
    public static final String PROJECT_FILE_NAME = ".scms.toml";
    public static final String CONFIG_VARIABLE = "SCMS_CONFIG";
    private static final String DEFAULT_PLACE = "platform config folder";

    private SettingsFiles() {
    }

    /**
     * The inputs of a command before it reads any settings.
     *
     * @param environment the process environment
     * @param flags setting keys given on the command line
     * @param configFile the {@code --config} file, when given
     * @param configFolder the platform config folder
     * @param projectFolder the command's {@code --project} folder, when it has one
     * @param workingFolder the working folder of the process
     */
    public record Request(Map<String, String> environment, Map<String, String> flags, Optional<Path> configFile,
            Path configFolder, Optional<Path> projectFolder, Path workingFolder) {

        public Request {
            environment = Map.copyOf(environment);
            flags = Map.copyOf(flags);
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(configFolder, "configFolder");
            Objects.requireNonNull(projectFolder, "projectFolder");
            Objects.requireNonNull(workingFolder, "workingFolder");
        }
    }

    /**
     * A settings file the command looked for.
     *
     * @param origin {@link SettingsLayer.Origin#USER_FILE} or {@link SettingsLayer.Origin#PROJECT_FILE}
     * @param file the path looked at
     * @param found whether it exists and was read
     * @param how the reason for this path: the flag, the variable or the default place
     */
    public record Candidate(SettingsLayer.Origin origin, Path file, boolean found, String how) {

        public Candidate {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(how, "how");
        }

        /** Returns true for a user settings file named by --config or SCMS_CONFIG rather than found in its place. */
        public boolean named() {
            return origin == SettingsLayer.Origin.USER_FILE && !how.equals(DEFAULT_PLACE);
        }
    }

    /**
     * The stacked layers, lowest precedence first, the files looked for, and warnings about
     * {@code SCMS_*} environment variables that name no setting.
     */
    public record Stack(List<SettingsLayer> layers, List<Candidate> candidates, List<String> warnings) {

        public Stack {
            layers = List.copyOf(layers);
            candidates = List.copyOf(candidates);
            warnings = List.copyOf(warnings);
        }

        public SettingsLoader loader(String osUser, Path platformHome) {
            return new SettingsLoader(layers, osUser, platformHome);
        }
    }

    /**
     * Reads the settings files of {@code request} and stacks them with the environment and flags.
     *
     * @throws InvalidSettingException when a flag names no setting, a named file is missing, or a
     *         file cannot be read or contains an invalid setting
     */
    public static Stack stack(Request request) {
        SettingsLayer environment = SettingsLayer.environment(request.environment());
        SettingsLayer flags = SettingsLayer.commandLine(request.flags());
        List<Candidate> candidates = new ArrayList<>();
        List<SettingsLayer> layers = new ArrayList<>();
        userLayer(request, candidates).ifPresent(layers::add);
        Path projectFolder = projectFolder(request, layers, environment, flags);
        Path projectFile = projectFolder.resolve(PROJECT_FILE_NAME);
        boolean projectFound = present(projectFile);
        candidates.add(new Candidate(SettingsLayer.Origin.PROJECT_FILE, projectFile, projectFound,
                "project folder " + projectFolder));
        if (projectFound) {
            layers.add(TomlSettingsFile.read(projectFile, SettingsLayer.Origin.PROJECT_FILE));
        }
        layers.add(environment);
        layers.add(flags);
        return new Stack(layers, candidates, EnvironmentVariables.unknown(request.environment()));
    }

    /**
     * Returns true when something is at {@code file}: a file, a folder, a device or a link, even
     * a broken one. The reader then rejects whatever is not a regular file, because a settings
     * file that is silently skipped would leave the user guessing why it has no effect.
     */
    private static boolean present(Path file) {
        return Files.exists(file) || Files.isSymbolicLink(file);
    }

    private static Optional<SettingsLayer> userLayer(Request request, List<Candidate> candidates) {
        String variable = request.environment().get(CONFIG_VARIABLE);
        Path file;
        String how;
        if (request.configFile().isPresent()) {
            file = configPath(request.configFile().get().toString(), request.workingFolder(), "--config");
            how = "--config";
        } else if (variable != null && !variable.isBlank()) {
            file = configPath(variable.strip(), request.workingFolder(), "environment");
            how = CONFIG_VARIABLE;
        } else {
            file = request.configFolder().resolve(USER_FILE_NAME);
            boolean found = present(file);
            candidates.add(new Candidate(SettingsLayer.Origin.USER_FILE, file, found, DEFAULT_PLACE));
            return found ? Optional.of(TomlSettingsFile.read(file, SettingsLayer.Origin.USER_FILE)) : Optional.empty();
        }
        candidates.add(new Candidate(SettingsLayer.Origin.USER_FILE, file, true, how));
        return Optional.of(TomlSettingsFile.read(file, SettingsLayer.Origin.USER_FILE));
    }

    /** Returns the user settings file that --config or SCMS_CONFIG names, relative to the working folder. */
    private static Path configPath(String value, Path workingFolder, String source) {
        String name = source.equals("--config") ? "--config" : CONFIG_VARIABLE + " (environment)";
        try {
            return workingFolder.resolve(PathText.expandHome(value)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException("invalid " + name + ": " + EchoedText.quote(value)
                    + " is not a valid path: " + e.getReason());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("invalid " + name + ": " + EchoedText.quote(value)
                    + " is not a valid path: " + e.getMessage());
        }
    }

    /** Returns the project folder, reading the {@code project} setting from every layer but the project file. */
    private static Path projectFolder(Request request, List<SettingsLayer> userLayers, SettingsLayer environment,
            SettingsLayer flags) {
        if (request.projectFolder().isPresent()) {
            return request.workingFolder().resolve(request.projectFolder().get()).toAbsolutePath().normalize();
        }
        List<SettingsLayer> layers = new ArrayList<>(userLayers);
        layers.add(environment);
        layers.add(flags);
        Optional<String> project = new SettingsLoader(layers, "unused", request.workingFolder())
                .raw(SettingKey.PROJECT);
        Optional<Path> folder = project.flatMap(value -> folder(value, request.workingFolder()));
        return folder.orElse(request.workingFolder().toAbsolutePath().normalize());
    }

    /**
     * Returns the folder a {@code project} value names. Like the project resolver, only a value
     * written as a path counts: absolute, starting with {@code ~}, or relative such as {@code ./shop};
     * a name such as {@code shop} stays a name even when the working folder has a subfolder of
     * that name. A settings file has already resolved its relative values against its own folder.
     */
    private static Optional<Path> folder(String value, Path workingFolder) {
        try {
            String expanded = PathText.expandHome(value);
            Path path = Path.of(expanded);
            if (!path.isAbsolute() && !PathText.isRelativePath(expanded)) {
                return Optional.empty();
            }
            Path folder = workingFolder.resolve(path).toAbsolutePath().normalize();
            return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
        } catch (IllegalArgumentException e) {
            // An invalid path is reported where the project is resolved; here it only has no settings file.
            return Optional.empty();
        }
    }
}
