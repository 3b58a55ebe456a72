package dev.scms.app;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the process that started the server and runs an action once when it is gone. A client
 * that crashes can leave stdin open, because a grandchild such as a shell or a hook keeps the pipe
 * open, and the server would then never see the end of its input. The parent counts as gone when
 * it is no longer alive or when this process has a different parent, which is what happens when
 * the kernel re-parents an orphan to init or to a subreaper.
 */
final class ParentWatcher {

    /** Time between two checks, so the server notices a gone parent within this time. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(ParentWatcher.class);

    private final ProcessHandle parent;
    private final Supplier<Optional<ProcessHandle>> currentParent;
    private final Duration interval;
    private final Runnable onGone;

    ParentWatcher(ProcessHandle parent, Supplier<Optional<ProcessHandle>> currentParent, Duration interval,
            Runnable onGone) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.currentParent = Objects.requireNonNull(currentParent, "currentParent");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.onGone = Objects.requireNonNull(onGone, "onGone");
    }

    /**
     * Starts watching the parent of this process on a daemon thread. Returns empty when the parent
     * is unknown or is process 1, because an orphan already has init as its parent and there is
     * nothing to watch.
     */
    static Optional<Thread> watchCurrentParent(Runnable onGone) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() == 1) {
            LOG.info("Parent process {} is not watched; only the end of stdin stops the server",
                    parent.map(ProcessHandle::pid).map(String::valueOf).orElse("unknown"));
            return Optional.empty();
        }
        ParentWatcher watcher = new ParentWatcher(parent.get(), () -> ProcessHandle.current().parent(), INTERVAL,
                onGone);
        return Optional.of(watcher.start());
    }

    /** Starts the watching thread, a daemon, so that it never keeps the JVM alive. */
    Thread start() {
        Thread thread = new Thread(this::watch, "scms-parent-watcher");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void watch() {
        try {
            while (!gone()) {
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("Parent process {} exited while stdin stayed open; ending the session", parent.pid());
        onGone.run();
    }

    /** Returns true when the parent ended or this process was re-parented. */
    boolean gone() {
        if (!parent.isAlive()) {
            return true;
        }
        return currentParent.get().map(handle -> handle.pid() != parent.pid()).orElse(true);
    }
}
