package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.model.Memory;
import dev.scms.store.MemoryFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports memories as JSON lines, in the format {@code import} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export memories as JSON lines (the format import reads) to stdout or a file.")
final class ExportCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
    Path out;

    @Option(names = "--archived", description = "Include archived memories.")
    boolean archived;

    @Override
    public Integer call() throws IOException {
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        JsonLines format = new JsonLines();
        int count = 0;
        try (Application application = Application.open(loaded, Clock.systemUTC(), false);
                Writer writer = out == null ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            MemoryFilter filter = archived ? MemoryFilter.all(PAGE) : MemoryFilter.active(PAGE);
            List<Memory> page = application.store().list(filter);
            while (!page.isEmpty()) {
                for (Memory memory : page) {
                    writer.write(format.write(memory, id -> application.store().find(id).map(JsonLines::exchangeId)
                            .orElse("scms-" + id)));
                    writer.write('\n');
                }
                count += page.size();
                page = page.size() < PAGE ? List.of() : application.store().list(filter.withOffset(count));
            }
            writer.flush();
        }
        spec.commandLine().getErr().println("Exported " + count + " memories" + (out == null ? "" : " to " + out));
        return 0;
    }
}
