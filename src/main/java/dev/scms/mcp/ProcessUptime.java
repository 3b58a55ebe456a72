package dev.scms.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Milliseconds since this process started, for the log line that reports when a server can reply.
 * On Linux it reads {@code /proc}, which takes well under a millisecond, while
 * {@code java.lang.management} loaded the platform MXBeans on the main thread and took 10 to 20 ms
 * of each start. {@link ProcessHandle} is used on other systems only: on Linux (Java 17) it adds
 * the boot time in whole seconds, from {@code btime} in {@code /proc/stat}, so its start instant
 * came up to one second early. The process starts before the JVM, when a launcher script such as
 * {@code scripts/scms} execs {@code java}, so the figure includes that script.
 */
final class ProcessUptime {

    /**
     * Clock ticks per second of {@code /proc/<pid>/stat} ({@code USER_HZ}). The Linux ABI fixes it at
     * 100 on x86 and ARM; Java cannot read {@code sysconf(_SC_CLK_TCK)} without native code.
     */
    static final long TICKS_PER_SECOND = 100;

    /** Field 22 of {@code /proc/<pid>/stat}, the start time in ticks since boot, counted from field 3. */
    private static final int START_TIME_FIELD = 22 - 3;

    private ProcessUptime() {
    }

    /** Returns the milliseconds since this process started, or empty when the system does not report it. */
    static OptionalLong millis() {
        Path stat = Path.of("/proc/self/stat");
        Path uptime = Path.of("/proc/uptime");
        if (Files.isReadable(stat) && Files.isReadable(uptime)) {
            try {
                return fromProc(Files.readString(stat), Files.readString(uptime));
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        return ProcessHandle.current().info().startInstant()
                .map(start -> OptionalLong.of(Duration.between(start, Instant.now()).toMillis()))
                .orElse(OptionalLong.empty());
    }

    /**
     * Returns the milliseconds between the start time in {@code selfStat}, the text of
     * {@code /proc/self/stat}, and the seconds since boot in {@code uptime}, the text of
     * {@code /proc/uptime}. Both count from the boot with the same clock.
     */
    static OptionalLong fromProc(String selfStat, String uptime) {
        // The command name in brackets may contain spaces, so the fields are counted after its last ')'.
        int nameEnd = selfStat.lastIndexOf(')');
        String[] fields = selfStat.substring(nameEnd + 1).trim().split(" ");
        String[] uptimeFields = uptime.trim().split(" ");
        if (nameEnd < 0 || fields.length <= START_TIME_FIELD || uptimeFields.length == 0) {
            return OptionalLong.empty();
        }
        long startMillis = Long.parseLong(fields[START_TIME_FIELD]) * 1000 / TICKS_PER_SECOND;
        long nowMillis = Math.round(Double.parseDouble(uptimeFields[0]) * 1000);
        return OptionalLong.of(Math.max(0, nowMillis - startMillis));
    }

    /** Returns {@code ", N ms after the process started"}, or nothing when the start is unknown. */
    static String sinceStartText() {
        OptionalLong millis = millis();
        return millis.isPresent() ? ", " + millis.getAsLong() + " ms after the process started" : "";
    }
}
