package dev.scms.promotion;

/** Formats a count with an English noun in singular or plural, for requirement explanations. */
final class Plural {

    private Plural() {
    }

    static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }
}
