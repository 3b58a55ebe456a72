package dev.scms.mcp;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the body of an error reply from reaching the client. When the status is 400 or more at
 * the moment the transport requests the writer or the output stream, or when it calls
 * {@code sendError}, the body goes into a buffer, and the filter sends its own reply in its place
 * afterwards. A reply with a lower status, such as an SSE stream, passes through unbuffered.
 */
final class ErrorCapturingResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private boolean capturing;
    private PrintWriter writer;
    private ServletOutputStream stream;

    ErrorCapturingResponse(HttpServletResponse response) {
        super(response);
    }

    /** Returns whether the transport wrote an error reply, which the caller must now send. */
    boolean hasCapturedError() {
        return capturing;
    }

    /** Returns the bytes the transport wrote for its error reply. */
    byte[] capturedBody() {
        if (writer != null) {
            writer.flush();
        }
        return captured.toByteArray();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (!startCapturing()) {
            return super.getOutputStream();
        }
        if (stream == null) {
            stream = new BufferStream(captured);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (!startCapturing()) {
            return super.getWriter();
        }
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8));
        }
        return writer;
    }

    @Override
    public void sendError(int status) {
        setStatus(status);
        capturing = true;
    }

    @Override
    public void sendError(int status, String message) {
        sendError(status);
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!capturing) {
            super.flushBuffer();
        }
    }

    private boolean startCapturing() {
        capturing |= getStatus() >= HttpServletResponse.SC_BAD_REQUEST;
        return capturing;
    }

    /** An output stream into the capture buffer. */
    private static final class BufferStream extends ServletOutputStream {

        private final ByteArrayOutputStream buffer;

        BufferStream(ByteArrayOutputStream buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("an error reply is buffered and written at once");
        }
    }
}
