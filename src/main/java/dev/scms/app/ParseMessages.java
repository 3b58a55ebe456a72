package dev.scms.app;

import dev.scms.config.EchoedText;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Rewords picocli's messages for a value of the wrong type ("'abc' is not a long") into what
 * the value must be, named as the help names it.
 */
final class ParseMessages {

    private ParseMessages() {
    }

    static String of(ParameterException exception) {
        ArgSpec argument = exception.getArgSpec();
        String value = exception.getValue();
        if (argument == null || value == null || !isConversionFailure(exception)) {
            return exception.getMessage();
        }
        Class<?> type = argument.type();
        String name = nameOf(argument);
        if (Map.class.isAssignableFrom(type)) {
            return name + " needs KEY=VALUE, e.g. " + name + " k=7, got " + EchoedText.quote(value);
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            String expected = name.equals("ID") ? idKind(argument) + ", a whole number" : "a whole number";
            return name + " must be " + expected + ", got " + EchoedText.quote(value);
        }
        if (type == double.class || type == Double.class) {
            return name + " must be a number such as 0.5, got " + EchoedText.quote(value);
        }
        return exception.getMessage();
    }

    /** Names what an ID parameter identifies: a token under {@code scms token}, a memory elsewhere. */
    private static String idKind(ArgSpec argument) {
        CommandSpec command = argument.command();
        boolean token = command != null && command.parent() != null && command.parent().name().equals("token");
        return token ? "a token id" : "a memory id";
    }

    private static boolean isConversionFailure(ParameterException exception) {
        String message = String.valueOf(exception.getMessage());
        return message.startsWith("Invalid value for") || message.contains("should be in KEY=VALUE format");
    }

    private static String nameOf(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            return option.longestName();
        }
        return ((PositionalParamSpec) argument).paramLabel();
    }
}
