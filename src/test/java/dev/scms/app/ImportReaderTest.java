package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.core.RememberRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-file behaviour of import: byte order marks. */
class ImportReaderTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path temp;

    private final List<RememberRequest> requests = new ArrayList<>();

    private List<String> read(String name, String content) throws IOException {
        Path file = Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
        return new ImportReader(false).read(file.toString(), ExchangeFormat.choose(null, name), requests);
    }

    @Test
    void byteOrderMarkSkippedInJsonLines() throws IOException {
        assertThat(read("a.jsonl", BOM + "{\"text\": \"x\", \"kind\": \"pattern\"}\n")).isEmpty();
        assertThat(requests).singleElement().extracting(RememberRequest::text).isEqualTo("x");
    }

    @Test
    void byteOrderMarkSkippedInMarkdown() throws IOException {
        assertThat(read("a.md", BOM + "## Title\n\n- kind: pattern\n\n```\nbody\n```\n")).isEmpty();
        assertThat(requests).singleElement().extracting(RememberRequest::title).isEqualTo(java.util.Optional.of(
                "Title"));
    }
}
