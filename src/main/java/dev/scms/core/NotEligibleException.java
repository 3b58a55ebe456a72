package dev.scms.core;

/** A pattern was asked to be promoted before its policy's requirements were met. */
public final class NotEligibleException extends RuntimeException {

    public NotEligibleException(String message) {
        super(message);
    }
}
