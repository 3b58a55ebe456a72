package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogbackSetupTest {

    @TempDir
    Path logs;

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void configure() {
        // Logback's service provider sets the MDC adapter of the context it configures.
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("scms.log.dir", logs.toString());
        context.putProperty("scms.console.level", "INFO");
        context.putProperty("PID", "4242");
        LogbackSetup.apply(context);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void fileGetsDatedLineWithPid() throws Exception {
        context.getLogger("dev.scms.core.Scms").info("Promoted {}", "mem-1");
        context.getLogger("dev.scms.core.Scms").debug("not written");

        Path file = logs.resolve("scms." + LocalDate.now() + ".log");
        String line = Files.readString(file);
        assertThat(line).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  \\[main\\] pid=4242 "
                + "dev.scms.core.Scms - Promoted mem-1\\R");
    }

    @Test
    void fileAppenderRollsDailyInPrudentMode() {
        RollingFileAppender<ILoggingEvent> file = (RollingFileAppender<ILoggingEvent>) appender("FILE");
        TimeBasedRollingPolicy<?> policy = (TimeBasedRollingPolicy<?>) file.getRollingPolicy();

        assertThat(file.isStarted()).isTrue();
        assertThat(file.isPrudent()).isTrue();
        assertThat(policy.getFileNamePattern()).isEqualTo(logs + "/scms.%d{yyyy-MM-dd}.log");
        assertThat(policy.getMaxHistory()).isEqualTo(7);
    }

    @Test
    void consoleWritesStderrAtConsoleLevel() {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender("STDERR");
        ThresholdFilter threshold = (ThresholdFilter) console.getCopyOfAttachedFiltersList().get(0);

        assertThat(console.isStarted()).isTrue();
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(threshold.decide(event(Level.INFO))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(threshold.decide(event(Level.DEBUG))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void librariesLogWarningsOnly() {
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("ai.djl").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("ai.djl.util.cuda").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.modelcontextprotocol").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("reactor").getLevel()).isEqualTo(Level.WARN);
    }

    private Appender<ILoggingEvent> appender(String name) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(name);
    }

    private ILoggingEvent event(Level level) {
        return new ch.qos.logback.classic.spi.LoggingEvent("test", context.getLogger("x"), level, "m", null, null);
    }
}
