package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scms.core.EmbeddingSource;
import dev.scms.core.Importer;
import dev.scms.core.ProjectContext;
import dev.scms.core.ProjectResolver;
import dev.scms.core.RememberRequest;
import dev.scms.model.Memory;
import dev.scms.store.MemoryFilter;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Texts with random outer blanks, fences, info strings and blank lines survive an import of JSON
 * lines, a Markdown export and an import of that export into a second database, byte for byte.
 */
class ExchangeRoundTripTest {

    private static final String[] PIECES = {" ", "   ", "\t", "\n", "\n\n", "```", "```java", "````", "~~~", "## ",
        "- kind: x", "`", "word", "ünï", "日本", "🎉", "\u00a0", "\\", "\"", "[", "{", "\r\n", "  \n"};

    private final ObjectMapper json = new ObjectMapper();
    private final JsonLines jsonLines = new JsonLines();
    private final MarkdownMemories markdown = new MarkdownMemories();
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-06T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    @Test
    void randomTextsSurviveExportAndImport() throws Exception {
        List<String> texts = randomTexts(new Random(20261205L), 400);
        List<RememberRequest> requests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode line = json.createObjectNode().put("kind", "pattern").put("title", "Memory " + i)
                    .put("text", texts.get(i));
            requests.add(jsonLines.parse(json.writeValueAsString(line), i + 1, false));
        }

        List<Memory> first = importInto("first.db", requests);
        StringBuilder document = new StringBuilder(MarkdownMemories.HEADER);
        for (Memory memory : first) {
            document.append(markdown.write(jsonLines.fields(memory, id -> "scms-" + id)));
        }
        MarkdownMemories.Document read = markdown.read(document.toString());
        List<RememberRequest> again = new ArrayList<>();
        for (MarkdownMemories.Entry entry : read.entries()) {
            again.add(jsonLines.parse(entry.fields(), entry.line(), false));
        }
        List<Memory> second = importInto("second.db", again);

        assertThat(read.errors()).isEmpty();
        assertThat(first).extracting(Memory::body).containsExactlyElementsOf(texts);
        assertThat(second).extracting(Memory::body).containsExactlyElementsOf(texts);
    }

    /** Returns non-blank texts, made unique by a numbered word so that no two share a content hash. */
    private static List<String> randomTexts(Random random, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(pieces(random) + " t" + i + " " + pieces(random));
        }
        return texts;
    }

    private static String pieces(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private List<Memory> importInto(String database, List<RememberRequest> requests) {
        try (SqliteMemoryStore store = SqliteMemoryStore.open(temp.resolve(database), clock)) {
            Importer importer = new Importer(store, EmbeddingSource.none("test-model", "no model in this test"),
                    new ProjectResolver(store), clock);
            Importer.Summary summary = importer.importAll(requests, ProjectContext.of(temp), Duration.ZERO, done -> { });
            assertThat(summary.stored()).isEqualTo(requests.size());
            return store.list(MemoryFilter.all(requests.size())).stream().sorted(Comparator.comparingLong(Memory::id))
                    .toList();
        }
    }
}
