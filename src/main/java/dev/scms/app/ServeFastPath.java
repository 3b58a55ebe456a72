package dev.scms.app;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Starts the server for {@code scms serve [OPTIONS]} and for {@code scms} alone without the full
 * command tree. Building that tree reflects over every subcommand and the types of their fields,
 * and it was built twice, which took about 500 ms of CPU time at each server start
 * (docs/benchmarks.md). {@code scms serve} with no options, the command assistants start, builds
 * no picocli command line at all, and other serve options are parsed by a command line of the
 * serve command only. Help, version, invalid arguments and options before {@code serve} take the
 * full path, so their output and exit codes stay those of the full tree.
 */
final class ServeFastPath {

    private final ServeCommand command;

    private ServeFastPath(ServeCommand command) {
        this.command = command;
    }

    /** Returns the parsed serve command when {@code args} start the server and need no help, version or error text. */
    static Optional<ServeFastPath> parse(String[] args) {
        if (args.length > 0 && !args[0].equals("serve")) {
            return Optional.empty();
        }
        if (args.length <= 1) {
            return Optional.of(new ServeFastPath(withoutOptions()));
        }
        ServeCommand command = new ServeCommand();
        try {
            ParseResult parsed = new CommandLine(command).parseArgs(Arrays.copyOfRange(args, 1, args.length));
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                return Optional.empty();
            }
            return Optional.of(new ServeFastPath(command));
        } catch (ParameterException e) {
            return Optional.empty();
        }
    }

    /** Returns the serve command as picocli leaves it for {@code scms serve} with no options. */
    static ServeCommand withoutOptions() {
        ServeCommand command = new ServeCommand();
        command.settings = new SettingsOptions();
        return command;
    }

    ServeCommand command() {
        return command;
    }

    /** Runs the server and returns the exit code. A failure is printed as picocli's {@code execute} prints it. */
    int execute(PrintWriter err) {
        try {
            return command.call();
        } catch (Exception e) {
            return new ErrorHandler().report(e, err);
        }
    }
}
