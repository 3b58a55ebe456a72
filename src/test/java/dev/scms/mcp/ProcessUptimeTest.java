package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessUptimeTest {

    /** /proc/self/stat of a process started 1234.56 s after boot, with a space and ')' in its name. */
    private static final String STAT = "4242 (java x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 10 5 0 0 20 0 30 0 "
            + "123456 5000000 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void fromProcSubtractsStartFromUptime() {
        assertThat(ProcessUptime.fromProc(STAT, "1235.00 2000.00\n")).isEqualTo(OptionalLong.of(440));
    }

    @Test
    void fromProcRejectsShortStat() {
        assertThat(ProcessUptime.fromProc("4242 (java) S 1 2 3", "1235.00 2000.00\n")).isEmpty();
    }

    @Test
    void fromProcNeverNegative() {
        assertThat(ProcessUptime.fromProc(STAT, "1234.00 2000.00\n")).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void millisOfThisProcessCoverJvmUptime() {
        long jvmUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();

        OptionalLong millis = ProcessUptime.millis();

        // The process starts before the JVM's clock does; both clocks tick in steps of 10 ms at most.
        assertThat(millis).isPresent();
        assertThat(millis.getAsLong()).isGreaterThanOrEqualTo(jvmUptime - 20);
    }

    @Test
    void sinceStartTextNamesMilliseconds() {
        assertThat(ProcessUptime.sinceStartText()).matches(", \\d+ ms after the process started");
    }
}
