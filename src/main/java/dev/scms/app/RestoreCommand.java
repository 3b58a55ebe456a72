package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.Forgetter;
import dev.scms.model.Memory;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Brings an archived memory back into retrieval. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore an archived memory.")
final class RestoreCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Id of the archived memory.")
    long id;

    @Override
    public Integer call() {
        Settings loaded = settings.mergedOver(parent.settings).load();
        Logging.start(loaded.home(), "WARN");
        try (Application application = Application.open(loaded, Clock.systemUTC(), false)) {
            Forgetter.Change change = application.scms().forgetter().restore(id);
            Memory memory = change.memory();
            spec.commandLine().getOut().println("Restored memory " + memory.id() + ": " + memory.title());
            RulesOutput.printWritten(spec.commandLine().getOut(), change.rulesFiles());
        }
        return 0;
    }
}
