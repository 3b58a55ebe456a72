package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scms.config.SettingsLoader;
import dev.scms.config.StrategySettings;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.RetrievalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DiversityMonitorTest {

    @TempDir
    Path temp;

    private ScmsHarness harness;
    private final Logger logger = (Logger) LoggerFactory.getLogger(DiversityMonitor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level previousLevel;
    private long nextRetrievalId = 1_000;

    @BeforeEach
    void setUp() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logged);
        logger.setLevel(previousLevel);
        harness.close();
    }

    private DiversityMonitor monitor(int window, double threshold) {
        StrategySettings strategies = new SettingsLoader(Map.of(), Map.of("entropy_window", String.valueOf(window),
                "entropy_alert", String.valueOf(threshold)), "tester", temp).load().strategies();
        return new DiversityMonitor(harness.store, strategies);
    }

    private Diversity record(DiversityMonitor monitor, Long... ids) {
        return monitor.record(Optional.of(nextRetrievalId++), List.of(ids), Integer.MAX_VALUE);
    }

    @Test
    void evenSpreadOverSmallStoreDoesNotAlert() {
        DiversityMonitor monitor = monitor(100, 0.3);

        Diversity diversity = null;
        for (int i = 0; i < 60; i++) {
            diversity = monitor.record(Optional.of(nextRetrievalId++), List.of(1L, 2L, 3L, 4L, 5L), 5);
        }

        // Five memories in scope, all five returned every time: a perfect spread of what exists.
        assertThat(diversity.selectionEntropy()).isCloseTo(1.0, within(1e-12));
        assertThat(diversity.alert()).isFalse();
        assertThat(messages(Level.WARN)).isEmpty();
    }

    private List<String> messages(Level level) {
        return logged.list.stream().filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void entropyMatchesHandComputation() {
        // Id 1 four times and ids 2 to 5 once: 2 ln 2 / ln 8 = 2/3.
        DiversityMonitor monitor = monitor(20, 0.3);
        record(monitor, 1L, 2L);
        record(monitor, 1L, 3L);
        record(monitor, 1L, 4L);

        Diversity diversity = record(monitor, 1L, 5L);

        assertThat(diversity.selectionEntropy()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(diversity.retrievals()).isEqualTo(4);
        assertThat(diversity.window()).isEqualTo(20);
        assertThat(diversity.threshold()).isEqualTo(0.3);
    }

    @Test
    void alertWaitsForMinimumRetrievals() {
        DiversityMonitor monitor = monitor(20, 0.5);

        for (int i = 1; i < StrategySettings.MIN_ENTROPY_WINDOW; i++) {
            Diversity diversity = record(monitor, 7L);
            assertThat(diversity.selectionEntropy()).isZero();
            assertThat(diversity.alert()).as("retrieval %d", i).isFalse();
        }
        assertThat(record(monitor, 7L).alert()).isTrue();
        assertThat(messages(Level.WARN)).hasSize(1);
    }

    @Test
    void alertWarnsOncePerCrossing() {
        DiversityMonitor monitor = monitor(20, 0.5);
        for (int i = 0; i < 20; i++) {
            record(monitor, 7L);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(record(monitor, 7L).alert()).isTrue();
        }
        assertThat(messages(Level.WARN)).hasSize(1);
        assertThat(messages(Level.WARN).get(0)).contains("0.000", "20 retrievals", "entropy_alert 0.5",
                "load_balancing", "dropout");

        // Twenty different ids push the repeated one out of the window: entropy 1.
        Diversity recovered = null;
        for (long id = 100; id < 120; id++) {
            recovered = record(monitor, id);
        }
        assertThat(recovered.selectionEntropy()).isCloseTo(1.0, within(1e-12));
        assertThat(recovered.alert()).isFalse();
        assertThat(messages(Level.INFO)).hasSize(1);

        for (int i = 0; i < 20; i++) {
            record(monitor, 8L);
        }
        assertThat(monitor.snapshot().alert()).isTrue();
        assertThat(messages(Level.WARN)).hasSize(2);
    }

    @Test
    void zeroThresholdNeverAlerts() {
        DiversityMonitor monitor = monitor(20, 0.0);

        for (int i = 0; i < 40; i++) {
            assertThat(record(monitor, 7L).alert()).isFalse();
        }
        assertThat(messages(Level.WARN)).isEmpty();
    }

    @Test
    void windowStartsFromRetrievalLog() {
        for (long id = 1; id <= 3; id++) {
            harness.store.logRetrieval(new RetrievalRecord(0, "s", Optional.of(new ProjectKey("acme")), "q",
                    List.of(id), 5, 40, ScmsHarness.START));
        }
        long current = harness.store.logRetrieval(new RetrievalRecord(0, "s", Optional.of(new ProjectKey("acme")),
                "q", List.of(1L), 5, 40, ScmsHarness.START));
        DiversityMonitor monitor = monitor(20, 0.3);

        Diversity diversity = monitor.record(Optional.of(current), List.of(1L), 5);

        // Ids 1, 2, 3 from the log and 1 once more: T = 4, H = 1.5 ln 2, divided by ln 4 = 0.75.
        assertThat(diversity.retrievals()).isEqualTo(4);
        assertThat(diversity.selectionEntropy()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void snapshotReadsLogBeforeFirstRetrieval() {
        harness.store.logRetrieval(new RetrievalRecord(0, "s", Optional.empty(), "q", List.of(4L, 5L), 5, 40,
                ScmsHarness.START));

        Diversity diversity = monitor(20, 0.3).snapshot();

        assertThat(diversity.retrievals()).isEqualTo(1);
        assertThat(diversity.selectionEntropy()).isCloseTo(1.0, within(1e-12));
        assertThat(diversity.alert()).isFalse();
    }
}
