package dev.scms.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads all of a stream up to a size limit and decodes it as UTF-8, replacing malformed bytes
 * with U+FFFD, so that invalid UTF-8 from another program causes no exception.
 */
final class BoundedInput {

    private BoundedInput() {
    }

    /** Reads the stream to its end; throws an IOException when it contains more than {@code maxBytes} bytes. */
    static String read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (bytes.size() + n > maxBytes) {
                throw new IOException("input is larger than " + maxBytes + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        return decode(bytes.toByteArray());
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // A decoder set to REPLACE does not throw, so reaching this line is a bug worth reporting.
            throw new IllegalStateException("UTF-8 decoding with replacement failed", e);
        }
    }
}
