package dev.scms.promotion;

/** Formats a count with an English noun in singular or plural. */
public final class Plural {

    private Plural() {
    }

    /** Returns the count and the noun, with an s appended unless the count is 1. */
    public static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }

    /** Returns the count and the singular noun when the count is 1, else the count and the plural noun. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
