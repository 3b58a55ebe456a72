package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.config.InvalidSettingException;
import dev.scms.core.InvalidInputException;
import dev.scms.core.NotEligibleException;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one plain line on stderr, with control characters escaped.
 * It picks the exit code: 2 for a usage error (a bad option or value), 1 for a failure (not
 * found, not eligible, store busy).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int USAGE = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        return report(exception, commandLine.getErr());
    }

    /** Prints the error of a failed command to {@code err} and returns the exit code. */
    int report(Exception exception, PrintWriter err) {
        err.println("scms: " + EchoedText.escape(describe(exception))
                + (exception instanceof MemoryNotFoundException ? "; scms list --status all shows the ids" : ""));
        if (isUsageError(exception)) {
            return USAGE;
        }
        if (!(exception instanceof StoreException || exception instanceof NotEligibleException
                || exception instanceof InvalidInputException || exception instanceof IOException
                || exception instanceof UncheckedIOException)) {
            exception.printStackTrace(new PrintWriter(err, true));
        }
        return FAILURE;
    }

    /** Returns the message of an exception; a file system failure gets the path and the reason in words. */
    static String describe(Exception exception) {
        if (exception instanceof InvalidInputException invalid) {
            return cliMessage(invalid);
        }
        Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
        if (cause instanceof AccessDeniedException denied) {
            return "cannot use " + denied.getFile() + ": permission denied";
        }
        if (cause instanceof NoSuchFileException missing) {
            return "cannot use " + missing.getFile() + ": no such file or folder";
        }
        if (cause instanceof FileSystemException failed) {
            return "cannot use " + failed.getFile() + (failed.getReason() == null ? "" : ": " + failed.getReason());
        }
        return exception.getMessage();
    }

    /**
     * Names an argument as the command line spells it: the MCP argument {@code memory_id} is the
     * ID parameter, and the others are options of the same name with dashes.
     */
    private static String cliMessage(InvalidInputException invalid) {
        String argument = invalid.argument();
        if (argument.equals("memory_id")) {
            return invalid.problem();
        }
        if (argument.equalsIgnoreCase("text") || argument.equalsIgnoreCase("query") || argument.equals("id")) {
            return argument.toUpperCase(java.util.Locale.ROOT) + ": " + invalid.problem();
        }
        String option = argument.startsWith("-") ? argument : (argument.length() == 1 ? "-" : "--")
                + argument.replace('_', '-');
        return "invalid " + option + ": " + invalid.problem();
    }

    /** Prints an unknown option or an invalid value as one line with a pointer to the help. */
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        commandLine.getErr().println("scms: " + EchoedText.escape(ParseMessages.of(exception)) + "; see '"
                + commandLine.getCommandSpec().qualifiedName() + " --help'");
        return USAGE;
    }

    /**
     * Returns true for a bad setting or argument value. A valid memory id in the wrong state
     * (already archived, already a rule) is a failure instead, because the memory's state stops the command.
     */
    static boolean isUsageError(Exception exception) {
        if (exception instanceof InvalidInputException invalid) {
            return !invalid.argument().equals("memory_id");
        }
        return exception instanceof InvalidSettingException || exception instanceof IllegalArgumentException;
    }
}
