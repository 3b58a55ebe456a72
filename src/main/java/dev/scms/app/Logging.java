package dev.scms.app;

import java.nio.file.Path;

/**
 * Points Logback at the data folder's log file and sets the stderr level. It must run before
 * the first logger is created, because Logback reads these properties once, at start.
 */
final class Logging {

    private Logging() {
    }

    static void start(Path home, String consoleLevel) {
        System.setProperty("scms.log.dir", home.resolve("logs").toString());
        System.setProperty("scms.console.level", consoleLevel);
        System.setProperty("PID", Long.toString(ProcessHandle.current().pid()));
    }
}
