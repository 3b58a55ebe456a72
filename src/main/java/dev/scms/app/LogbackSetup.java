package dev.scms.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import ch.qos.logback.core.util.OptionHelper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Configures Logback in code, which Logback finds through the service loader before it looks for
 * an XML file, because parsing a {@code logback.xml} took about 190 ms of CPU time at each server
 * start (docs/benchmarks.md). stdout is the MCP channel, so every appender writes to stderr or to a file:
 *
 * <ul>
 *   <li>stderr at the level of the {@code scms.console.level} property (default WARN);
 *   <li>{@code <scms.log.dir>/scms.<yyyy-MM-dd>.log} (default folder
 *       {@code <java.io.tmpdir>/scms-logs}), kept 7 days and 100 MB in all, in prudent mode so that
 *       every server process of one user can append to the same file safely.
 * </ul>
 *
 * <p>A {@code logback.configurationFile} system property or a {@code logback-test.xml} on the
 * class path (the tests) takes precedence: this class then leaves the configuration to Logback.
 * The properties are read once, so {@link Logging#start} sets them before the first logger exists.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    private static final String FILE_PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] pid=${PID:-?} %logger{30} - %msg%n";
    private static final String FILE_NAME_PATTERN =
            "${scms.log.dir:-${java.io.tmpdir}/scms-logs}/scms.%d{yyyy-MM-dd}.log";

    /**
     * Levels of noisy libraries. DJL probes for CUDA on every start and warns when there is no GPU,
     * which is the normal case. Jetty logs its version and each component at INFO on every start of
     * {@code scms serve --http}.
     */
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "ai.djl", Level.WARN,
            "ai.djl.util.cuda", Level.ERROR,
            "io.modelcontextprotocol", Level.WARN,
            "org.eclipse.jetty", Level.WARN,
            "reactor", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogbackSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Adds the appenders and levels to {@code context}, reading the properties from it first. */
    static void apply(LoggerContext context) {
        // Without a status listener Logback prints its own warnings to stdout.
        context.getStatusManager().add(new NopStatusListener());

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr(context));
        root.addAppender(file(context));
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(substitute("${scms.console.level:-WARN}", context));
        threshold.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.addFilter(threshold);
        appender.setEncoder(encoder(context, CONSOLE_PATTERN));
        appender.start();
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setPrudent(true);

        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(substitute(FILE_NAME_PATTERN, context));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("100MB"));
        policy.start();

        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, substitute(FILE_PATTERN, context)));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** Replaces {@code ${name:-default}} by the context property, system property or environment variable, as XML does. */
    private static String substitute(String value, LoggerContext context) {
        try {
            return OptionHelper.substVars(value, context);
        } catch (ScanException e) {
            throw new IllegalStateException("invalid logging pattern " + value, e);
        }
    }
}
