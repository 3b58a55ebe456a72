package dev.scms.store;

/** No memory has the requested id. */
public final class MemoryNotFoundException extends StoreException {

    private final long id;

    public MemoryNotFoundException(long id) {
        super("memory " + id + " not found");
        this.id = id;
    }

    public long id() {
        return id;
    }
}
