package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParentWatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Process stand;

    @AfterEach
    void stopStandIn() {
        if (stand != null) {
            stand.destroyForcibly();
        }
    }

    @Test
    void liveParentIsNotGone() throws Exception {
        ProcessHandle parent = startStandIn();
        ParentWatcher watcher = new ParentWatcher(parent, () -> Optional.of(parent), INTERVAL, () -> { });

        assertThat(watcher.gone()).isFalse();
    }

    @Test
    void exitedParentRunsActionOnce() throws Exception {
        ProcessHandle parent = startStandIn();
        CountDownLatch ran = new CountDownLatch(1);
        Thread thread = new ParentWatcher(parent, () -> Optional.of(parent), INTERVAL, ran::countDown).start();

        stand.destroyForcibly().waitFor();

        assertThat(ran.await(5, TimeUnit.SECONDS)).as("action ran after the parent exited").isTrue();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(thread.isAlive()).as("watcher thread ended").isFalse();
    }

    @Test
    void reparentedProcessCountsAsGone() throws Exception {
        ProcessHandle parent = startStandIn();
        AtomicReference<Optional<ProcessHandle>> current = new AtomicReference<>(Optional.of(parent));
        ParentWatcher watcher = new ParentWatcher(parent, current::get, INTERVAL, () -> { });

        current.set(ProcessHandle.of(1));

        assertThat(watcher.gone()).isTrue();
    }

    @Test
    void unknownCurrentParentCountsAsGone() throws Exception {
        ProcessHandle parent = startStandIn();
        ParentWatcher watcher = new ParentWatcher(parent, Optional::empty, INTERVAL, () -> { });

        assertThat(watcher.gone()).isTrue();
    }

    @Test
    void watcherThreadIsDaemon() throws Exception {
        ProcessHandle parent = startStandIn();
        Thread thread = new ParentWatcher(parent, () -> Optional.of(parent), INTERVAL, () -> { }).start();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("scms-parent-watcher");
    }

    /** Starts a process that stands in for the server's parent and lives until the test ends. */
    private ProcessHandle startStandIn() throws Exception {
        stand = new ProcessBuilder("sleep", "60").start();
        return stand.toHandle();
    }
}
