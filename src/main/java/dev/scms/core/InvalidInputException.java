package dev.scms.core;

import dev.scms.config.EchoedText;

/**
 * A request argument has a value the use case cannot work with. The message names the argument,
 * or the element of a list argument such as {@code tags[3]}, escaped and cut as {@link EchoedText#quote} does.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private final String argument;
    private final String problem;

    public InvalidInputException(String argument, String problem) {
        this(argument, argument, problem);
    }

    private InvalidInputException(String argument, String shownName, String problem) {
        super("invalid argument " + EchoedText.quote(shownName) + ": " + problem);
        this.argument = argument;
        this.problem = problem;
    }

    /**
     * Creates the exception for one element of a list argument. The message names the element,
     * as in {@code tags[3]}, and {@link #argument()} returns the argument's own name.
     */
    public static InvalidInputException element(String argument, int index, String problem) {
        return new InvalidInputException(argument, argument + "[" + index + "]", problem);
    }

    /** Returns the message without the argument's name, for a caller that names arguments its own way. */
    public String problem() {
        return problem;
    }

    public String argument() {
        return argument;
    }
}
