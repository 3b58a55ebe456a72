package dev.scms.core;

/** A request argument has a value the use case cannot work with; the message names the argument. */
public final class InvalidInputException extends IllegalArgumentException {

    private final String argument;

    public InvalidInputException(String argument, String problem) {
        super("invalid argument '" + argument + "': " + problem);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
