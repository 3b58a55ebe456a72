package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.embed.Embedder;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.MemoryFilter;
import dev.scms.store.ChangedMemory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import of archived memories, of texts stored in another status and of texts with outer blanks,
 * the write transaction of a batch, and embedding on several threads.
 */
class ImporterTest {

    private static final String TEXT = "Old advice: disable fsync to speed up the integration tests.";

    @TempDir
    Path temp;

    private ScmsHarness harness;
    private Importer importer;

    @BeforeEach
    void setUp() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
        importer = new Importer(harness.store, EmbeddingSource.ready(new BagOfWordsEmbedder()),
                harness.scms.projects(), harness.clock);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static RememberRequest request(String text, Status status, Map<String, Object> details) {
        return new RememberRequest(text, Optional.empty(), Kind.PATTERN, Optional.empty(), "", List.of(), 0.5,
                details, Optional.empty(), Optional.empty(), status);
    }

    private Importer.Summary importAll(RememberRequest... requests) {
        return importer.importAll(List.of(requests), harness.context, Duration.ZERO, done -> { });
    }

    private List<Memory> stored() {
        return harness.store.list(MemoryFilter.all(100));
    }

    @Test
    void archivedMemoryStaysArchived() {
        importAll(request(TEXT, Status.ARCHIVED, Map.of("archived_reason", "wrong")));

        assertThat(stored()).singleElement().satisfies(memory -> {
            assertThat(memory.status()).isEqualTo(Status.ARCHIVED);
            assertThat(memory.details()).containsEntry("archived_reason", "wrong");
        });
        assertThat(harness.retrieve("disable fsync integration tests", temp.toString()).memories()).isEmpty();
    }

    @Test
    void archivedMemoryWithoutReasonGetsEmptyReason() {
        importAll(request(TEXT, Status.ARCHIVED, Map.of()));

        assertThat(stored()).singleElement().satisfies(memory -> {
            assertThat(memory.status()).isEqualTo(Status.ARCHIVED);
            assertThat(memory.details()).containsEntry("archived_reason", "");
        });
    }

    @Test
    void activeLineWithArchivedTwinSkippedAndReported() {
        Memory forgotten = harness.remember(TEXT, Kind.PATTERN, Optional.empty()).memory();
        harness.scms.forgetter().forget(forgotten.id(), "wrong");

        Importer.Summary summary = importAll(request(TEXT, Status.ACTIVE, Map.of()));

        assertThat(summary.stored()).isZero();
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.archivedTwins()).containsExactly(forgotten.id());
        assertThat(stored()).singleElement().extracting(Memory::status).isEqualTo(Status.ARCHIVED);
    }

    @Test
    void archivedLineWithActiveTwinSkipped() {
        harness.remember(TEXT, Kind.PATTERN, Optional.empty());

        Importer.Summary summary = importAll(request(TEXT, Status.ARCHIVED, Map.of()));

        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.archivedTwins()).isEmpty();
        assertThat(stored()).singleElement().extracting(Memory::status).isEqualTo(Status.ACTIVE);
    }

    @Test
    void twinsOfOneFileBothStored() {
        Importer.Summary summary = importAll(request(TEXT, Status.ACTIVE, Map.of()),
                request(TEXT, Status.ARCHIVED, Map.of()), request(TEXT, Status.ACTIVE, Map.of()));

        assertThat(summary.stored()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(stored()).extracting(Memory::status).containsExactlyInAnyOrder(Status.ACTIVE, Status.ARCHIVED);
    }

    @Test
    void importingTwiceStoresOnce() {
        RememberRequest archived = request(TEXT, Status.ARCHIVED, Map.of());
        RememberRequest active = request("Keep fsync on; use a tmpfs for test databases instead.", Status.ACTIVE,
                Map.of());
        importAll(archived, active);

        Importer.Summary again = importAll(archived, active);

        assertThat(again.stored()).isZero();
        assertThat(again.archivedTwins()).isEmpty();
        assertThat(stored()).hasSize(2);
    }

    @Test
    void textKeptVerbatim() {
        String text = "   ```\n   code line\n```\n\ttrailing blanks  \n\n";

        importAll(request(text, Status.ACTIVE, Map.of()));

        assertThat(stored()).singleElement().extracting(Memory::body).isEqualTo(text);
    }

    @Test
    void failedInsertLeavesBatchUnstored() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + harness.store.location());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER reject_poison BEFORE INSERT ON memories WHEN NEW.body = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'poison rejected'); END");
        }

        assertThatThrownBy(() -> importAll(request(TEXT, Status.ACTIVE, Map.of()),
                request("poison", Status.ACTIVE, Map.of()))).hasMessageContaining("poison rejected");

        assertThat(stored()).isEmpty();
    }

    @Test
    void twoThreadsStoreOneThreadVectors() {
        List<RememberRequest> requests = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            requests.add(request("Lesson " + i + ": the pool of " + (i % 9) + " connections ran out. Raise it to "
                    + (i % 5 + 2) + " per worker.", Status.ACTIVE, Map.of()));
        }
        BagOfWordsEmbedder model = new BagOfWordsEmbedder();
        Importer parallel = new Importer(harness.store, EmbeddingSource.ready(model), harness.scms.projects(),
                harness.clock, 2);

        Importer.Summary summary = parallel.importAll(requests, harness.context, Duration.ZERO, done -> { });

        assertThat(summary.stored()).isEqualTo(150);
        List<ChangedMemory> changes = harness.store.changesSince(0, model.modelId());
        assertThat(changes).hasSize(150);
        BagOfWordsEmbedder reference = new BagOfWordsEmbedder();
        for (ChangedMemory change : changes) {
            Memory memory = change.memory();
            MemoryWriter.TitledText text = new MemoryWriter.TitledText(memory.title(), memory.body());
            var expected = MemoryWriter.embedAll(reference, List.of(text)).get(0);
            assertThat(change.vector()).get().satisfies(vector -> assertThat(vector).containsExactly(expected.vector()));
            assertThat(change.sentences()).hasSameSizeAs(expected.sentences());
            for (int i = 0; i < expected.sentences().size(); i++) {
                assertThat(change.sentences().get(i)).as("sentence %d of %s", i, memory.title())
                        .containsExactly(expected.sentences().get(i));
            }
        }
    }

    @Test
    void concurrentImportSkipsStoredMemories() {
        RememberRequest withId = new RememberRequest(TEXT, Optional.empty(), Kind.PATTERN, Optional.empty(), "",
                List.of(), 0.5, Map.of(), Optional.empty(), Optional.of("lesson-1"), Status.ACTIVE);
        RememberRequest withoutId = request("Keep fsync on; use a tmpfs for test databases instead.", Status.ACTIVE,
                Map.of());
        Importer other = new Importer(harness.store, EmbeddingSource.ready(new BagOfWordsEmbedder()),
                harness.scms.projects(), harness.clock);
        // The other import stores both memories after this import has checked its batch, while it embeds.
        BagOfWordsEmbedder model = new BagOfWordsEmbedder();
        Embedder racing = new Embedder() {
            private boolean raced;

            @Override
            public float[] embed(String text) {
                return model.embed(text);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                if (!raced) {
                    raced = true;
                    other.importAll(List.of(withId, withoutId), harness.context, Duration.ZERO, done -> { });
                }
                return model.embedAll(texts);
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public String modelId() {
                return model.modelId();
            }

            @Override
            public void close() {
                model.close();
            }
        };
        Importer late = new Importer(harness.store, EmbeddingSource.ready(racing), harness.scms.projects(),
                harness.clock);

        Importer.Summary summary = late.importAll(List.of(withId, withoutId), harness.context, Duration.ZERO,
                done -> { });

        assertThat(summary.stored()).isZero();
        assertThat(summary.skipped()).isEqualTo(2);
        assertThat(stored()).hasSize(2);
    }
}
