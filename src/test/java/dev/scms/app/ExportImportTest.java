package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.EmbeddingSource;
import dev.scms.core.ExchangeIds;
import dev.scms.core.Importer;
import dev.scms.core.ProjectContext;
import dev.scms.core.ProjectResolver;
import dev.scms.core.RememberRequest;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.store.MemoryFilter;
import dev.scms.store.StoreException;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import between real SQLite stores, without the model. */
class ExportImportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    @Test
    void reExportOfImportKeepsEveryMemory() throws IOException {
        try (SqliteMemoryStore a = store("a"); SqliteMemoryStore b = store("b"); SqliteMemoryStore c = store("c")) {
            insert(a, "Alpha lesson about retries", Optional.empty());
            insert(b, "Beta lesson about caching", Optional.empty());
            Importer.Summary intoA = importInto(a, export(b));
            assertThat(intoA.stored()).isEqualTo(1);

            String fromA = export(a);
            Importer.Summary intoC = importInto(c, fromA);

            assertThat(ids(fromA)).doesNotHaveDuplicates().hasSize(2);
            assertThat(intoC.stored()).isEqualTo(2);
            assertThat(intoC.skipped()).isZero();
            assertThat(texts(c)).containsExactlyInAnyOrder("Alpha lesson about retries", "Beta lesson about caching");
        }
    }

    @Test
    void localMemoryExportsWithStoreId() throws IOException {
        try (SqliteMemoryStore a = store("a")) {
            Memory memory = insert(a, "Alpha lesson about retries", Optional.empty());

            assertThat(ids(export(a))).containsExactly("scms-" + a.storeId() + "-" + memory.id());
        }
    }

    @Test
    void importingOwnExportTwiceStoresNothing() throws IOException {
        try (SqliteMemoryStore a = store("a")) {
            insert(a, "Alpha lesson about retries", Optional.empty());
            String own = export(a);

            assertThat(importInto(a, own).skipped()).isEqualTo(1);
            assertThat(importInto(a, own).stored()).isZero();
            assertThat(texts(a)).hasSize(1);
        }
    }

    @Test
    void oldStyleIdsStayImportable() throws IOException {
        try (SqliteMemoryStore a = store("a")) {
            insert(a, "Alpha lesson about retries", Optional.empty());
            String old = "{\"id\": \"scms-1\", \"kind\": \"pattern\", \"text\": \"Beta lesson about caching\"}\n";

            assertThat(importInto(a, old).stored()).isEqualTo(1);
            assertThat(importInto(a, old).skipped()).isEqualTo(1);
            assertThat(ids(export(a))).doesNotHaveDuplicates().contains("scms-1");
        }
    }

    @Test
    void takenIdGetsNewId() throws IOException {
        try (SqliteMemoryStore a = store("a")) {
            insert(a, "Alpha lesson about retries", Optional.of("lesson-1"));
            String clash = "{\"id\": \"lesson-1\", \"kind\": \"pattern\", \"text\": \"Beta lesson about caching\"}\n";

            Importer.Summary first = importInto(a, clash);
            Importer.Summary second = importInto(a, clash);

            assertThat(first.stored()).isEqualTo(1);
            assertThat(first.idsDropped()).isEqualTo(1);
            assertThat(second.stored()).isZero();
            assertThat(texts(a)).containsExactlyInAnyOrder("Alpha lesson about retries", "Beta lesson about caching");
            assertThat(ids(export(a))).doesNotHaveDuplicates().hasSize(2);
        }
    }

    @Test
    void ownIdOfOtherTextGetsNewId() throws IOException {
        try (SqliteMemoryStore a = store("a")) {
            Memory memory = insert(a, "Alpha lesson about retries", Optional.empty());
            String copy = "{\"id\": \"" + new ExchangeIds(a.storeId()).local(memory.id())
                    + "\", \"kind\": \"pattern\", \"text\": \"Lesson of a copied database\"}\n";

            assertThat(importInto(a, copy).stored()).isEqualTo(1);
            assertThat(ids(export(a))).doesNotHaveDuplicates().hasSize(2);
        }
    }

    @Test
    void exportRejectsSharedId() {
        try (SqliteMemoryStore a = store("a")) {
            Memory local = insert(a, "Alpha lesson about retries", Optional.empty());
            insert(a, "Beta lesson about caching", Optional.of(new ExchangeIds(a.storeId()).local(local.id())));

            assertThatThrownBy(() -> new MemoryExport(a, false).requireUniqueIds())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("nothing exported: memories " + local.id() + " and");
        }
    }

    @Test
    void duplicateIdInFileIsInvalid() throws IOException {
        Path file = folder.resolve("twice.jsonl");
        Files.writeString(file, "{\"id\": \"x\", \"kind\": \"pattern\", \"text\": \"one\"}\n"
                + "{\"id\": \"x\", \"kind\": \"pattern\", \"text\": \"two\"}\n");
        List<RememberRequest> requests = new ArrayList<>();

        List<String> errors = new ImportReader(false).read(file.toString(), ExchangeFormat.JSONL, requests);

        assertThat(requests).hasSize(1);
        assertThat(errors).containsExactly("line 2: id 'x' is already the id of line 1; give one of them another id,"
                + " or remove its id");
    }

    @Test
    void importOfFolderNamesFolder() {
        assertThatThrownBy(() -> new ImportReader(false).read(folder.toString(), ExchangeFormat.JSONL,
                new ArrayList<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(folder + " is a folder; give the path of a file");
    }

    private SqliteMemoryStore store(String name) {
        return SqliteMemoryStore.open(folder.resolve(name).resolve("scms.db"), CLOCK);
    }

    private static Memory insert(SqliteMemoryStore store, String text, Optional<String> externalId) {
        return store.insert(new NewMemory(Layer.L0, Kind.PATTERN, text, text, Map.of(), "", Optional.empty(),
                List.of(), 0.5, CLOCK.instant(), dev.scms.core.Texts.contentHash("pattern", text), externalId),
                Optional.empty());
    }

    private static String export(SqliteMemoryStore store) throws IOException {
        StringWriter out = new StringWriter();
        MemoryExport export = new MemoryExport(store, false);
        export.requireUniqueIds();
        export.write(ExchangeFormat.JSONL, out);
        return out.toString();
    }

    private Importer.Summary importInto(SqliteMemoryStore store, String jsonLines) throws IOException {
        Path file = Files.createTempFile(folder, "export", ".jsonl");
        Files.writeString(file, jsonLines);
        List<RememberRequest> requests = new ArrayList<>();
        assertThat(new ImportReader(false).read(file.toString(), ExchangeFormat.JSONL, requests)).isEmpty();
        Importer importer = new Importer(store, EmbeddingSource.none("test-model", "no model in this test"),
                new ProjectResolver(store), CLOCK);
        return importer.importAll(requests, ProjectContext.of(folder), Duration.ZERO, done -> { });
    }

    private static List<String> ids(String jsonLines) {
        JsonLines lines = new JsonLines();
        return jsonLines.lines().map(line -> lines.parse(line, 1, false).externalId().orElseThrow()).toList();
    }

    private static List<String> texts(SqliteMemoryStore store) {
        return store.list(MemoryFilter.all(100)).stream().map(Memory::body).toList();
    }
}
