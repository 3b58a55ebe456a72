package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code add -} reads stdin as strict UTF-8, as import reads its files. */
class AddStdinTest {

    @TempDir
    Path home;

    @Test
    void invalidUtf8OnStdinRejectedWithOffset() {
        StringWriter err = new StringWriter();
        InputStream original = System.in;
        int exitCode;
        try {
            System.setIn(new ByteArrayInputStream(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'x'}));
            exitCode = new CommandLine(new Main()).setErr(new PrintWriter(err, true))
                    .setExecutionExceptionHandler(new ErrorHandler()).execute("--home", home.toString(), "add", "-");
        } finally {
            System.setIn(original);
        }

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("scms: TEXT: stdin is not valid UTF-8 (invalid byte "
                + "0xE9 at byte offset 3); convert it to UTF-8 and try again" + System.lineSeparator());
        assertThat(home.resolve("scms.db")).doesNotExist();
    }
}
