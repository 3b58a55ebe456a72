package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.mcp.StdioServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Serves MCP over stdio: the command assistants start. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve MCP over stdio (the command an assistant starts). Exits when stdin closes or the"
                + " process that started it exits.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Override
    public Integer call() throws InterruptedException {
        serve(settings.mergedOver(parent.settings));
        return 0;
    }

    void serve(SettingsOptions options) {
        ServerStreams.claimStdout();
        Settings loaded = options.load();
        Logging.start(loaded.home(), "INFO");
        try (Application application = Application.open(loaded, Clock.systemUTC())) {
            StdioServer server = StdioServer.start(application.scms(), loaded, Path.of("").toAbsolutePath(),
                    ServerStreams.protocolIn(), ServerStreams.protocolOut(), Version.current());
            // Filling the cache can keep a core busy for seconds, so it starts once the server can reply.
            application.startBackfill();
            ParentWatcher.watchCurrentParent(() -> server.stop("parent process exited"));
            server.runUntilInputEnds();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
