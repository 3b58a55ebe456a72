package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.Importer;
import dev.scms.core.ProjectContext;
import dev.scms.core.RememberRequest;
import dev.scms.promotion.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Imports memories from a JSON-lines or Markdown file, or from stdin; the whole input is checked
 * before anything is stored.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import memories from a JSON-lines or Markdown file (as export writes them) or from stdin. "
                + "Each memory needs text and kind; title, domain, project, tags, source, date and id are optional "
                + "and other fields are kept. A memory whose id or text is already stored is skipped.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "File to read, UTF-8, or - for stdin.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or markdown (default: markdown for a "
            + ".md or .markdown file, else jsonl).")
    String format;

    @Option(names = "--project-scope", description = "Scope each memory to its 'project' field. By default "
            + "only rules and lines with \"scope\": \"project\" are scoped; other memories are global and keep "
            + "'project' as metadata.")
    boolean projectScope;

    @Option(names = "--skip-invalid", description = "Import the valid memories and report the others, instead of "
            + "importing nothing when one is invalid.")
    boolean skipInvalid;

    @Override
    public Integer call() throws IOException {
        ExchangeFormat chosen = ExchangeFormat.choose(format, file);
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        PrintWriter err = spec.commandLine().getErr();
        List<RememberRequest> requests = new ArrayList<>();
        List<String> errors = new ImportReader(projectScope).read(file, chosen, requests);
        errors.stream().limit(20).forEach(error -> err.println("scms import: " + file + " " + error));
        if (errors.size() > 20) {
            err.println("scms import: ... and " + (errors.size() - 20) + " more invalid memories");
        }
        if (!errors.isEmpty() && !skipInvalid) {
            err.println("scms import: nothing imported; fix the memories above or pass --skip-invalid");
            return ErrorHandler.FAILURE;
        }
        try (Application application = Application.open(loaded, Clock.systemUTC())) {
            Progress progress = new Progress(err, "importing", requests.size());
            Importer.Summary summary = application.importer().importAll(requests, ProjectContext.of(Path.of("")
                    .toAbsolutePath()), Duration.ofMinutes(2), progress::update);
            progress.done();
            // The next server start then reads the vectors from one file instead of decoding every stored one.
            application.scms().saveVectors();
            spec.commandLine().getOut().println(report(summary, loaded, errors.size()));
            reportArchivedTwins(summary.archivedTwins(), err);
        }
        return 0;
    }

    /** Names the archived memories that kept an active line out, because import never makes one active again. */
    private static void reportArchivedTwins(List<Long> ids, PrintWriter err) {
        if (ids.isEmpty()) {
            return;
        }
        String listed = ids.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "))
                + (ids.size() > 10 ? ", ..." : "");
        err.println("scms import: " + (ids.size() == 1 ? "1 active memory was" : ids.size() + " active memories were")
                + " not imported because the same text is stored as archived (" + (ids.size() == 1 ? "id " : "ids ")
                + listed + "); scms restore ID makes one active again");
    }

    private String report(Importer.Summary summary, Settings loaded, int invalid) {
        String dropped = summary.idsDropped() == 0 ? "" : ", " + summary.idsDropped() + " stored with a new id because"
                + " another memory has theirs";
        String skipped = invalid == 0 ? "" : ", " + Plural.of(invalid, "invalid memory", "invalid memories")
                + " skipped";
        return "Imported " + Plural.of(summary.stored(), "memory", "memories") + " from " + file + " into "
                + StoreSelection.location(loaded) + " (" + summary.skipped() + " already present" + dropped + skipped + ")"
                + (summary.embedded() ? "." : "; embeddings will be added when the model loads.");
    }
}
