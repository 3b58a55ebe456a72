package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.Importer;
import dev.scms.core.ProjectContext;
import dev.scms.core.RememberRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Imports memories from a JSON-lines file; the whole file is checked before anything is stored. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import memories from a JSON-lines file (text and kind required; title, domain, project, "
                + "tags, source, date and id optional; other fields are kept).")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "JSON-lines file, UTF-8.")
    Path file;

    @Option(names = "--project-scope", description = "Scope each memory to its 'project' field. By default "
            + "only rules and lines with \"scope\": \"project\" are scoped; other memories are global and keep "
            + "'project' as metadata.")
    boolean projectScope;

    @Option(names = "--skip-invalid", description = "Import the valid lines and report the others, instead of "
            + "importing nothing when a line is invalid.")
    boolean skipInvalid;

    @Override
    public Integer call() throws IOException {
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        PrintWriter err = spec.commandLine().getErr();
        List<RememberRequest> requests = new ArrayList<>();
        List<String> errors = read(requests);
        errors.stream().limit(20).forEach(error -> err.println("scms import: " + file + " " + error));
        if (errors.size() > 20) {
            err.println("scms import: ... and " + (errors.size() - 20) + " more invalid lines");
        }
        if (!errors.isEmpty() && !skipInvalid) {
            err.println("scms import: nothing imported; fix the lines above or pass --skip-invalid");
            return ErrorHandler.FAILURE;
        }
        try (Application application = Application.open(loaded, Clock.systemUTC())) {
            Progress progress = new Progress(err, "importing", requests.size());
            Importer.Summary summary = application.importer().importAll(requests, ProjectContext.of(Path.of("")
                    .toAbsolutePath()), Duration.ofMinutes(2), progress::update);
            progress.done();
            spec.commandLine().getOut().println("Imported " + summary.stored() + " memories from " + file + " into "
                    + loaded.database() + " (" + summary.skipped() + " already present, " + errors.size()
                    + " invalid lines skipped)" + (summary.embedded() ? "." : "; embeddings will be added when "
                            + "the model loads."));
        }
        return 0;
    }

    private List<String> read(List<RememberRequest> requests) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file " + file + " not found");
        }
        JsonLines format = new JsonLines();
        List<String> errors = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    requests.add(format.parse(line, number, projectScope));
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file " + file + " is not valid UTF-8; convert it and try again");
        }
        return errors;
    }
}
