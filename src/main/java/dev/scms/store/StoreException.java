package dev.scms.store;

/** A store operation failed; the message names the operation, the id or path involved. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
