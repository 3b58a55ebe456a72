package dev.scms.embed;

import java.util.Objects;

/**
 * Snapshot of a {@link ModelLoader}: its phase and a sentence for logs and for the user.
 *
 * @param phase current stage of loading
 * @param message plain sentence about the phase; for {@link Phase#FAILED} it names the cause
 *     and what to do
 */
public record ModelState(Phase phase, String message) {

    /** Stages of loading the embedding model. */
    public enum Phase {
        NOT_STARTED,
        LOADING,
        READY,
        FAILED,
        CLOSED
    }

    public ModelState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(message, "message");
    }

    public boolean isReady() {
        return phase == Phase.READY;
    }
}
