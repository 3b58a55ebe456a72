package dev.scms.core;

/** A request argument has a value the use case cannot work with; the message names the argument. */
public final class InvalidInputException extends IllegalArgumentException {

    private final String argument;
    private final String problem;

    public InvalidInputException(String argument, String problem) {
        super("invalid argument '" + argument + "': " + problem);
        this.argument = argument;
        this.problem = problem;
    }

    /** Returns the message without the argument's name, for a caller that names arguments its own way. */
    public String problem() {
        return problem;
    }

    public String argument() {
        return argument;
    }
}
