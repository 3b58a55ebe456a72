package dev.scms.app.doctor;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of the doctor's report.
 *
 * @param status ok, warn or FAIL
 * @param area what was checked: java, data, settings, native, database, model or client
 * @param message what was found, with the paths and numbers involved
 */
public record Check(Status status, String area, String message) {

    /** Outcome of one check; any {@link #FAIL} makes {@code scms doctor} exit with 1. */
    public enum Status {
        OK, WARN, FAIL;

        /** Returns the word printed for it: {@code ok}, {@code warn} or {@code FAIL}. */
        public String label() {
            return this == FAIL ? "FAIL" : name().toLowerCase(Locale.ROOT);
        }
    }

    public Check {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(message, "message");
    }

    public static Check ok(String area, String message) {
        return new Check(Status.OK, area, message);
    }

    public static Check warn(String area, String message) {
        return new Check(Status.WARN, area, message);
    }

    public static Check fail(String area, String message) {
        return new Check(Status.FAIL, area, message);
    }
}
