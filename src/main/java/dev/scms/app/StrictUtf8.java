package dev.scms.app;

import dev.scms.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes input that must be UTF-8, as import reads its files: invalid bytes are an error, never U+FFFD. */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * Decodes {@code bytes} and drops a byte order mark at the start. Invalid UTF-8 raises
     * {@link InvalidInputException} for {@code argument}, naming {@code source} and the offset of
     * the first invalid byte.
     */
    static String decode(byte[] bytes, String argument, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 units than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidInputException(argument, source + " is not valid UTF-8 (invalid byte "
                    + String.format("0x%02X", bytes[in.position()] & 0xFF) + " at byte offset " + in.position()
                    + "); convert it to UTF-8 and try again");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
