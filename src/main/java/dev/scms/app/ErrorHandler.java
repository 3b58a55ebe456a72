package dev.scms.app;

import dev.scms.config.InvalidSettingException;
import dev.scms.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's error as one plain line on stderr and picks the exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int USAGE = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("scms: " + exception.getMessage());
        if (exception instanceof InvalidSettingException || exception instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (!(exception instanceof StoreException)) {
            exception.printStackTrace(new java.io.PrintWriter(commandLine.getErr(), true));
        }
        return FAILURE;
    }
}
