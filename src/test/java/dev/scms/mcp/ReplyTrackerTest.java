package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplyTrackerTest {

    @Test
    void firstLineSignalWaitsForWrite() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplyTracker tracker = new ReplyTracker(out);

        assertThat(tracker.awaitFirstLine(Duration.ZERO)).as("before any line").isFalse();

        tracker.writeMessage("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", true);

        assertThat(tracker.awaitFirstLine(Duration.ZERO)).as("after the first line").isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
    }
}
