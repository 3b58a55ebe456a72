package dev.scms.app;

import dev.scms.rules.RulesFiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints the rules files a command wrote, one line each, as {@code rules sync} lists them. */
final class RulesOutput {

    private RulesOutput() {
    }

    static void printLine(PrintWriter out, RulesFiles.Outcome outcome) {
        out.printf("%-9s %s%n", outcome.change().name().toLowerCase(Locale.ROOT), outcome.file());
    }

    /** Prints one line per file the {@code rules_sync} setting created or changed after the command. */
    static void printWritten(PrintWriter out, List<RulesFiles.Outcome> written) {
        written.forEach(outcome -> printLine(out, outcome));
    }
}
