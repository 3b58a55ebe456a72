package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.promotion.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports memories as JSON lines or as one Markdown document, the formats {@code import} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export memories as JSON lines or Markdown (the formats import reads) to stdout or a file.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file instead of stdout; - is "
            + "stdout.")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or markdown (default: markdown for a "
            + ".md or .markdown file, else jsonl).")
    String format;

    @Option(names = "--archived", description = "Include archived memories.")
    boolean archived;

    @Override
    public Integer call() throws IOException {
        ExchangeFormat chosen = ExchangeFormat.choose(format, out);
        boolean stdout = out == null || out.equals("-");
        if (!stdout) {
            requireWritablePath(Path.of(out));
        }
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        int count;
        try (Application application = Application.open(loaded, Clock.systemUTC(), false)) {
            MemoryExport export = new MemoryExport(application.store(), archived);
            export.requireUniqueIds();
            if (stdout) {
                count = export.write(chosen, new PrintWriter(System.out, false, StandardCharsets.UTF_8));
            } else {
                // The old file stays whole until the new one is complete, so an interrupted export loses nothing.
                try (ReplacingFile file = ReplacingFile.open(Path.of(out))) {
                    count = export.write(chosen, file.writer());
                    file.commit();
                }
            }
        }
        spec.commandLine().getErr().println("Exported " + Plural.of(count, "memory", "memories")
                + (stdout ? "" : " to " + out));
        return 0;
    }

    /** Rejects a folder, or a file in a folder that does not exist, before the store is opened. */
    private static void requireWritablePath(Path path) {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("cannot write " + path + ": it is a folder; give a file name, e.g. -o "
                    + path.resolve("memories.jsonl"));
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + path + ": folder " + parent + " does not exist;"
                    + " create it first or choose another path");
        }
    }
}
