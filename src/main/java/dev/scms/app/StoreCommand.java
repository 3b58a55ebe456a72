package dev.scms.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scms.config.PathText;
import dev.scms.config.Settings;
import dev.scms.core.ProjectContext;
import dev.scms.embed.Embedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The common part of the commands that work on the memories of one store: settings, logging,
 * the project context, the model wait and the two output forms (a table, or JSON for scripts).
 */
abstract class StoreCommand implements Callable<Integer> {

    /**
     * How long a command that needs vectors waits for the model to load. Loading takes seconds;
     * the bound only stops a broken model from hanging the command.
     */
    static final Duration MODEL_WAIT = Duration.ofMinutes(2);

    /** Width of tables when the COLUMNS environment variable does not give the terminal's width. */
    static final int DEFAULT_WIDTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    /**
     * Loads the settings of this command and points logging at the data folder. A {@code --project}
     * that names a folder supplies the project settings file.
     */
    Settings loadSettings() {
        Optional<Path> folder = projectArgument().flatMap(StoreCommand::folder);
        Settings loaded = settings.mergedOver(parent.settings).load(folder);
        Logging.start(loaded.home(), "WARN");
        return loaded;
    }

    /** Returns the command's {@code --project} argument; commands without one have none. */
    Optional<String> projectArgument() {
        return Optional.empty();
    }

    /**
     * Returns the folder of a {@code --project} written as a path, as the project resolver reads
     * it: absolute, starting with {@code ~}, or relative such as {@code ./shop}. A name such as
     * {@code shop} has no project settings file even when the working folder has a subfolder of
     * that name, because the resolver takes it as a project name.
     */
    private static Optional<Path> folder(String project) {
        try {
            String expanded = PathText.expandHome(project.strip());
            Path path = Path.of(expanded);
            boolean written = path.isAbsolute() || PathText.isRelativePath(expanded);
            return written && java.nio.file.Files.isDirectory(path) ? Optional.of(path.toAbsolutePath())
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            // The resolver rejects the value with its own message when the command resolves the project.
            return Optional.empty();
        }
    }

    /** Opens the store; with {@code loadModel} the model starts loading in the background. */
    static Application open(Settings loaded, boolean loadModel) {
        return Application.open(loaded, Clock.systemUTC(), loadModel);
    }

    /**
     * Returns the context a project argument is resolved in: no client roots, the {@code project}
     * setting, then the working folder, as for the MCP tools.
     */
    static ProjectContext context(Settings loaded) {
        return new ProjectContext(List::of, loaded.project(), Path.of("").toAbsolutePath());
    }

    /** Waits for the model and prints a warning on stderr when it failed or is still loading. */
    Optional<Embedder> awaitModel(Application application, String consequence) {
        Optional<Embedder> model = application.scms().embeddings().await(MODEL_WAIT);
        if (model.isEmpty()) {
            err().println("scms: the embedding model is not ready (" + application.scms().embeddings().status()
                    + "); " + consequence);
        }
        return model;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a value as indented JSON with no null or empty-optional fields. */
    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Prints a table, cut to the terminal width that the COLUMNS variable gives. */
    void printTable(TextTable table) {
        out().print(table.render(terminalWidth()));
        out().flush();
    }

    static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            return columns == null ? DEFAULT_WIDTH : Math.max(40, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
