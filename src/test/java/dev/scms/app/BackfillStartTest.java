package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillStartTest {

    @Test
    void workRunsAfterSignal() {
        List<String> steps = new ArrayList<>();

        Application.afterSignal(() -> steps.add("signal"), () -> steps.add("work")).run();

        assertThat(steps).containsExactly("signal", "work");
    }

    @Test
    void interruptedSignalSkipsWork() {
        List<String> steps = new ArrayList<>();

        Application.afterSignal(() -> {
            throw new InterruptedException("stopping");
        }, () -> steps.add("work")).run();

        assertThat(steps).isEmpty();
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }
}
