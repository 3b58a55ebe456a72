package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void eachLineGoesOutInOneWrite() throws Exception {
        List<String> writes = new ArrayList<>();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
        ReplyTracker tracker = new ReplyTracker(out);

        tracker.writeLine("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"ü\"}}");
        tracker.writeMessage("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", true);

        assertThat(writes).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"ü\"}}\n",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}\n");
    }
}
