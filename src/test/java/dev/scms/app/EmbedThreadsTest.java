package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Threads that import and reindex embed on, from the processors and the model's intra-op threads. */
class EmbedThreadsTest {

    @Test
    void oneThreadPerFreeProcessor() {
        assertThat(Application.embedThreads(2, 1)).isEqualTo(2);
        assertThat(Application.embedThreads(8, 2)).isEqualTo(4);
        assertThat(Application.embedThreads(3, 2)).isEqualTo(1);
    }

    @Test
    void atLeastOneThread() {
        assertThat(Application.embedThreads(2, 4)).isEqualTo(1);
        assertThat(Application.embedThreads(1, 0)).isEqualTo(1);
    }
}
