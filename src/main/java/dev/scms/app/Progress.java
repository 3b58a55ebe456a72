package dev.scms.app;

import java.io.PrintWriter;

/**
 * A progress bar on stderr for long commands, silent for small jobs. When stderr is not a
 * terminal it prints one line per tenth instead of redrawing the bar.
 */
final class Progress {

    private static final int MIN_TOTAL = 500;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean interactive = System.console() != null;
    private int lastPercent = -1;

    Progress(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void update(int done) {
        if (total < MIN_TOTAL) {
            return;
        }
        int percent = (int) (100L * done / total);
        int step = interactive ? percent : percent / 10 * 10;
        if (step == lastPercent) {
            return;
        }
        lastPercent = step;
        if (!interactive) {
            err.println(label + " " + step + "% (" + done + "/" + total + ")");
            err.flush();
            return;
        }
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% ("
                + done + "/" + total + ")");
        err.flush();
    }

    void done() {
        if (total >= MIN_TOTAL && interactive) {
            err.println();
        }
    }
}
