package dev.scms.app;

import java.util.Arrays;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports invalid arguments. For {@code scms context --hook}, it writes one line to stderr and
 * returns exit code 0 instead of the usage error 2, because Claude Code treats exit code 2 of a
 * UserPromptSubmit hook as a reason to block the prompt.
 */
final class HookParameterErrors implements IParameterExceptionHandler {

    private final IParameterExceptionHandler fallback;

    HookParameterErrors(IParameterExceptionHandler fallback) {
        this.fallback = fallback;
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) throws Exception {
        if (isHookCall(args)) {
            exception.getCommandLine().getErr().println("scms context: " + exception.getMessage());
            return 0;
        }
        return fallback.handleParseException(exception, args);
    }

    static boolean isHookCall(String[] args) {
        return Arrays.asList(args).contains("context")
                && Arrays.stream(args).anyMatch(arg -> arg.equals("--hook") || arg.startsWith("--hook="));
    }
}
