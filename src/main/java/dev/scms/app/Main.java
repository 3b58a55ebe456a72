package dev.scms.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code scms} command; with no subcommand it serves MCP over stdio. */
@Command(name = "scms", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Memory for AI coding assistants: an MCP server with a learning router.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, RestoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Mixin
    SettingsOptions settings;

    public static void main(String[] args) {
        boolean serving = args.length == 0 || args[0].equals("serve") || args[0].startsWith("-") && !isInfo(args[0]);
        if (serving) {
            ServerStreams.claimStdout();
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setExecutionExceptionHandler(new ErrorHandler());
        int exitCode = commandLine.execute(args);
        System.exit(exitCode);
    }

    private static boolean isInfo(String argument) {
        return argument.equals("-h") || argument.equals("--help") || argument.equals("-V")
                || argument.equals("--version");
    }

    @Override
    public void run() {
        new ServeCommand().serve(settings);
    }
}
