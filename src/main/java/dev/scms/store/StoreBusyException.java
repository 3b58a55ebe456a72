package dev.scms.store;

/** Another process held the database's write lock for longer than the busy timeout. */
public final class StoreBusyException extends StoreException {

    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
