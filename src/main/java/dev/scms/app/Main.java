package dev.scms.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** Entry point of the {@code scms} command; with no subcommand it serves MCP over stdio. */
@Command(name = "scms", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Memory for AI coding assistants: an MCP server with a learning router.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, RestoreCommand.class, EvalCommand.class,
                DoctorCommand.class,
                RulesCommand.class,
                AddCommand.class,
                SearchCommand.class,
                ListCommand.class,
                ShowCommand.class,
                UseCommand.class,
                PromoteCommand.class,
                ForgetCommand.class,
                StatsCommand.class,
                ReindexCommand.class,
                ContextCommand.class,
                MigrateCommand.class,
                TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /**
     * Columns of the help text. Picocli wraps after a dot too, so at its default of 80 paths such
     * as {@code ~/.config/scms} were split; 100 is also the default width of the tables.
     */
    static final int HELP_WIDTH = 100;

    @CommandLine.Mixin
    SettingsOptions settings;

    public static void main(String[] args) {
        Optional<ServeFastPath> serve = ServeFastPath.parse(args);
        if (serve.isPresent()) {
            ServerStreams.claimStdout();
            PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
            System.exit(serve.get().execute(new java.io.PrintWriter(err, true)));
        }
        // A hook call skips the extra parse, because it must return quickly and never serves.
        if (!HookParameterErrors.isHookCall(args) && serves(args)) {
            ServerStreams.claimStdout();
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true))
                .setUsageHelpWidth(HELP_WIDTH)
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(new HookParameterErrors(new ErrorHandler()));
        int exitCode = commandLine.execute(args);
        System.exit(exitCode);
    }

    /**
     * Returns true when the arguments start the server. Stdout is then claimed for the protocol
     * before anything can print, while help, version and the other commands keep it.
     */
    static boolean serves(String[] args) {
        // A first argument that is no option and no @-file names a subcommand other than serve, or
        // picocli rejects it. Neither serves, so the tree need not be built to tell.
        if (args.length > 0 && !args[0].equals("serve") && !args[0].startsWith("-") && !args[0].startsWith("@")) {
            return false;
        }
        try {
            ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                return false;
            }
            ParseResult command = parsed.subcommand();
            return command == null || command.commandSpec().name().equals("serve")
                    && !command.isUsageHelpRequested() && !command.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    @Override
    public void run() {
        new ServeCommand().serve(settings);
    }
}
