package dev.scms.app;

import dev.scms.store.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.LoggerFactory;

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
        try {
            // Logback names the file by the default time zone's date, as LocalDate.now() does.
            createLogFiles(home.resolve("logs"), LocalDate.now());
        } catch (IOException e) {
            LoggerFactory.getLogger(Logging.class).warn("Creating the log folder {} failed: {}",
                    home.resolve("logs"), e.toString());
        }
    }

    /**
     * Creates the logs folder, and the data folder above it, with mode 0700 and the day's log file
     * with mode 0600 on POSIX, before Logback creates them with the default mode. Files Logback
     * starts on later days get the default mode but stay inside the owner-only folder.
     */
    static void createLogFiles(Path logs, LocalDate today) throws IOException {
        OwnerOnlyFiles.createFolders(logs);
        OwnerOnlyFiles.createFile(logs.resolve("scms." + today + ".log"));
    }
}
