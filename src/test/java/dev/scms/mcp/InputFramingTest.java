package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InputFramingTest {

    private static final String NOTIFICATION = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @Test
    void passesJsonObjectsThrough() {
        assertThat(frame(NOTIFICATION + "\n" + NOTIFICATION + "\n")).isEqualTo(NOTIFICATION + "\n" + NOTIFICATION + "\n");
    }

    @Test
    void dropsBlankMalformedAndNonObjectLines() {
        String input = "\n   \n{bad\n[1,2]\n\"text\"\n" + NOTIFICATION + "\n";

        assertThat(frame(input)).isEqualTo(NOTIFICATION + "\n");
    }

    @Test
    void stripsCarriageReturnBeforeNewline() {
        assertThat(frame(NOTIFICATION + "\r\n")).isEqualTo(NOTIFICATION + "\n");
    }

    @Test
    void passesLastLineWithoutNewline() {
        assertThat(frame(NOTIFICATION)).isEqualTo(NOTIFICATION + "\n");
    }

    @Test
    void dropsInvalidUtf8Line() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] valid = (NOTIFICATION + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[invalid.length + valid.length];
        System.arraycopy(invalid, 0, input, 0, invalid.length);
        System.arraycopy(valid, 0, input, invalid.length, valid.length);

        assertThat(frame(input)).isEqualTo(NOTIFICATION + "\n");
    }

    @Test
    void keepsNonAsciiTextIntact() {
        String line = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"text\":"
                + "\"café 日本語 😀 مرحبا \\u2028 end\"}}";

        assertThat(frame(line + "\n")).isEqualTo(line + "\n");
    }

    @Test
    void answersMalformedRequestWithItsId() {
        ByteArrayOutputStream protocol = new ByteArrayOutputStream();
        ReplyTracker replies = new ReplyTracker(protocol);
        String input = "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}\n{\"id\": \"x\", oops\n";

        new InputFraming(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new CountDownLatch(1), replies, new CountDownLatch(0)).run();

        String written = protocol.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("\"id\":7,\"error\":{\"code\":-32600");
        assertThat(written).contains("\"id\":\"x\",\"error\":{\"code\":-32700");
    }

    @Test
    void endOfInputCountsDownAndClosesTransport() {
        CountDownLatch ended = new CountDownLatch(1);
        ClosingSink sink = new ClosingSink();

        new InputFraming(new ByteArrayInputStream(new byte[0]), sink, ended, new ReplyTracker(OutputStream.nullOutputStream()), new CountDownLatch(0)).run();

        assertThat(ended.getCount()).isZero();
        assertThat(sink.closed).isTrue();
    }

    @Test
    void transportFailureCountsDown() {
        CountDownLatch ended = new CountDownLatch(1);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Read end dead");
            }
        };

        new InputFraming(new ByteArrayInputStream((NOTIFICATION + "\n" + NOTIFICATION + "\n").getBytes(StandardCharsets.UTF_8)),
                broken, ended, new ReplyTracker(OutputStream.nullOutputStream()), new CountDownLatch(0)).run();

        assertThat(ended.getCount()).isZero();
    }

    private static String frame(String input) {
        return frame(input.getBytes(StandardCharsets.UTF_8));
    }

    private static String frame(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new InputFraming(new ByteArrayInputStream(input), out, new CountDownLatch(1), new ReplyTracker(OutputStream.nullOutputStream()), new CountDownLatch(0)).run();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final class ClosingSink extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
