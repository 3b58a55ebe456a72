package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.Forgetter;
import dev.scms.model.Memory;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Archives a memory, as the {@code forget} tool does; {@code scms restore} brings it back. */
@Command(name = "forget", mixinStandardHelpOptions = true, description = "Archive a memory: it stays on disk but "
        + "never comes back in a retrieval. scms restore ID brings it back.")
final class ForgetCommand extends StoreCommand {

    @Parameters(paramLabel = "ID", description = "Id of the memory to archive.")
    long id;

    @Option(names = "--reason", paramLabel = "T", description = "Why it is archived; kept with the memory.")
    String reason;

    @Option(names = "--json", description = "Print the archived memory as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        Forgetter.Change change;
        try (Application application = open(loaded, false)) {
            change = application.scms().forgetter().forget(id, reason == null ? "" : reason);
        }
        Memory archived = change.memory();
        if (json) {
            Map<String, Object> map = MemoryFields.summary(archived);
            printJson(map);
        } else {
            out().println("Archived memory " + archived.id() + ": " + TextTable.clean(archived.title())
                    + ". scms restore " + archived.id() + " brings it back.");
            RulesOutput.printWritten(out(), change.rulesFiles());
        }
        return 0;
    }
}
