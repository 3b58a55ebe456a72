package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.model.Memory;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.LongFunction;
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

    private static final int PAGE = 1000;

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
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        int count;
        try (Application application = Application.open(loaded, Clock.systemUTC(), false)) {
            if (stdout) {
                count = write(application.store(), chosen, new PrintWriter(System.out, false, StandardCharsets.UTF_8));
            } else {
                // The old file stays whole until the new one is complete, so an interrupted export loses nothing.
                try (ReplacingFile file = ReplacingFile.open(Path.of(out))) {
                    count = write(application.store(), chosen, file.writer());
                    file.commit();
                }
            }
        }
        spec.commandLine().getErr().println("Exported " + count + " memories" + (stdout ? "" : " to " + out));
        return 0;
    }

    private int write(MemoryStore store, ExchangeFormat chosen, Writer writer) throws IOException {
        JsonLines jsonLines = new JsonLines();
        MarkdownMemories markdown = new MarkdownMemories();
        LongFunction<String> exchangeIdOf = id -> store.find(id).map(JsonLines::exchangeId).orElse("scms-" + id);
        if (chosen == ExchangeFormat.MARKDOWN) {
            writer.write(MarkdownMemories.HEADER);
        }
        int count = 0;
        MemoryFilter filter = archived ? MemoryFilter.all(PAGE) : MemoryFilter.active(PAGE);
        List<Memory> page = store.list(filter);
        while (!page.isEmpty()) {
            for (Memory memory : page) {
                writer.write(chosen == ExchangeFormat.MARKDOWN ? markdown.write(jsonLines.fields(memory, exchangeIdOf))
                        : jsonLines.write(memory, exchangeIdOf) + "\n");
            }
            count += page.size();
            page = page.size() < PAGE ? List.of() : store.list(filter.withOffset(count));
        }
        writer.flush();
        return count;
    }
}
