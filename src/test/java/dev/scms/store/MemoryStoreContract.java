package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.model.Status;
import dev.scms.model.Use;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link MemoryStore} must show. An implementation's test extends this
 * class and opens a fresh, empty store per test.
 */
public abstract class MemoryStoreContract {

    protected static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    protected static final ProjectKey ALPHA = new ProjectKey("/home/dev/alpha");
    protected static final ProjectKey BETA = new ProjectKey("/home/dev/beta");
    protected static final String MODEL = "all-minilm-l6-v2-q";
    protected static final String OTHER_MODEL = "all-minilm-l6-v2";

    protected MemoryStore store;
    private final List<MemoryStore> openedStores = new ArrayList<>();

    /** Opens an empty store; later calls of {@link #openSecondStore()} must reach the same data. */
    protected abstract MemoryStore openStore(Clock clock);

    /** Opens another instance on the data of the store opened last, as a second process would. */
    protected abstract MemoryStore openSecondStore();

    /** Opens an empty store whose retrieval log keeps at most {@code maxRetrievals} entries. */
    protected abstract MemoryStore openStoreKeepingRetrievals(Clock clock, int maxRetrievals);

    @BeforeEach
    void openFirstStore() {
        store = track(openStore(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void closeStores() {
        openedStores.forEach(MemoryStore::close);
    }

    protected final MemoryStore track(MemoryStore opened) {
        openedStores.add(opened);
        return opened;
    }

    // ---- insert and lookup ----

    @Test
    void insertAssignsIdAndInitialCounters() {
        Memory memory = store.insert(pattern("Retry idempotent calls", Optional.empty()), Optional.empty());

        assertThat(memory.id()).isPositive();
        assertThat(memory.status()).isEqualTo(Status.ACTIVE);
        assertThat(memory.helpfulCount()).isZero();
        assertThat(memory.unhelpfulCount()).isZero();
        assertThat(memory.retrievalCount()).isZero();
        assertThat(memory.occurrences()).isEqualTo(1);
        assertThat(memory.lastUsedAt()).isEmpty();
        assertThat(memory.changeSeq()).isPositive();
        assertThat(memory.createdAt()).isEqualTo(NOW);
        assertThat(memory.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void insertStoresEveryField() {
        NewMemory input = new NewMemory(Layer.L1, Kind.EDGE_CASE, "Empty cart total", "Total of an empty cart is zero",
                Map.of("symptom", "NaN total"), "billing", Optional.of(ALPHA), List.of("cart", "money"), 0.75, NOW,
                "hash-1", Optional.of("import:42"));

        Memory stored = store.find(store.insert(input, Optional.empty()).id()).orElseThrow();

        assertThat(stored.layer()).isEqualTo(Layer.L1);
        assertThat(stored.kind()).isEqualTo(Kind.EDGE_CASE);
        assertThat(stored.title()).isEqualTo("Empty cart total");
        assertThat(stored.body()).isEqualTo("Total of an empty cart is zero");
        assertThat(stored.domain()).isEqualTo("billing");
        assertThat(stored.project()).contains(ALPHA);
        assertThat(stored.tags()).containsExactly("cart", "money");
        assertThat(stored.importance()).isEqualTo(0.75);
        assertThat(stored.contentHash()).isEqualTo("hash-1");
        assertThat(stored.externalId()).contains("import:42");
    }

    @Test
    void detailsRoundTripNestedValues() {
        Map<String, Object> details = Map.of(
                "symptom", "build hangs",
                "attempts", 3,
                "ratio", 0.5,
                "steps", List.of("clean", "rebuild"),
                "origin", Map.of("tool", "gradle", "version", List.of(8, 5)),
                "flag", true);

        Memory memory = store.insert(withDetails(details), Optional.empty());

        assertThat(store.find(memory.id()).orElseThrow().details()).isEqualTo(details);
    }

    @Test
    void findReturnsEmptyForUnknownId() {
        assertThat(store.find(987_654)).isEmpty();
    }

    @Test
    void findByExternalIdReturnsTheMemory() {
        Memory memory = store.insert(withExternalId("legacy:7"), Optional.empty());

        assertThat(store.findByExternalId("legacy:7")).map(Memory::id).contains(memory.id());
        assertThat(store.findByExternalId("legacy:8")).isEmpty();
    }

    @Test
    void duplicateExternalIdIsRejected() {
        store.insert(withExternalId("legacy:7"), Optional.empty());

        assertThatThrownBy(() -> store.insert(withExternalId("legacy:7"), Optional.empty()))
                .isInstanceOf(StoreException.class);
        assertThat(store.list(MemoryFilter.all(10))).hasSize(1);
    }

    @Test
    void contentHashLookupMatchesExactScope() {
        Memory global = store.insert(withHash("same", Optional.empty()), Optional.empty());
        Memory alpha = store.insert(withHash("same", Optional.of(ALPHA)), Optional.empty());

        assertThat(store.findActiveByContentHash("same", Optional.empty())).map(Memory::id).contains(global.id());
        assertThat(store.findActiveByContentHash("same", Optional.of(ALPHA))).map(Memory::id).contains(alpha.id());
        assertThat(store.findActiveByContentHash("same", Optional.of(BETA))).isEmpty();
        assertThat(store.findActiveByContentHash("other", Optional.empty())).isEmpty();
    }

    @Test
    void contentHashLookupSkipsArchived() {
        Memory memory = store.insert(withHash("gone", Optional.empty()), Optional.empty());
        store.archive(memory.id(), "obsolete", NOW);

        assertThat(store.findActiveByContentHash("gone", Optional.empty())).isEmpty();
    }

    @Test
    void contentHashLookupInAnyStatus() {
        Memory archived = store.insert(withHash("twice", Optional.empty()), Optional.empty());
        store.archive(archived.id(), "obsolete", NOW);
        Memory active = store.insert(withHash("twice", Optional.empty()), Optional.empty());
        store.insert(withHash("twice", Optional.of(ALPHA)), Optional.empty());

        assertThat(store.findByContentHash("twice", Optional.empty())).extracting(Memory::id)
                .containsExactly(archived.id(), active.id());
        assertThat(store.findByContentHash("twice", Optional.of(BETA))).isEmpty();
    }

    @Test
    void insertUnlessPresentStoresTextOnce() {
        InsertResult first = store.insertUnlessPresent(withHash("retry", Optional.empty()), Optional.of(embedding(MODEL,
                1, 0)));
        InsertResult second = store.insertUnlessPresent(withHash("retry", Optional.empty()), Optional.empty());

        assertThat(first.inserted()).isTrue();
        assertThat(second.inserted()).isFalse();
        assertThat(second.memory().id()).isEqualTo(first.memory().id());
        assertThat(store.list(MemoryFilter.all(10))).hasSize(1);
    }

    @Test
    void insertUnlessPresentKeepsScopesApart() {
        InsertResult global = store.insertUnlessPresent(withHash("scoped", Optional.empty()), Optional.empty());
        InsertResult alpha = store.insertUnlessPresent(withHash("scoped", Optional.of(ALPHA)), Optional.empty());

        assertThat(global.inserted()).isTrue();
        assertThat(alpha.inserted()).isTrue();
        assertThat(alpha.memory().id()).isNotEqualTo(global.memory().id());
    }

    @Test
    void insertUnlessPresentStoresAgainAfterArchive() {
        Memory archived = store.insertUnlessPresent(withHash("again", Optional.empty()), Optional.empty()).memory();
        store.archive(archived.id(), "obsolete", NOW);

        InsertResult again = store.insertUnlessPresent(withHash("again", Optional.empty()), Optional.empty());

        assertThat(again.inserted()).isTrue();
        assertThat(again.memory().id()).isNotEqualTo(archived.id());
    }

    @Test
    void insertUnlessPresentMatchesArchivedExternalId() {
        Memory archived = store.insert(withExternalId("legacy:9"), Optional.empty());
        store.archive(archived.id(), "obsolete", NOW);

        InsertResult retried = store.insertUnlessPresent(withExternalId("legacy:9"), Optional.empty());

        assertThat(retried.inserted()).isFalse();
        assertThat(retried.memory().id()).isEqualTo(archived.id());
        assertThat(store.list(MemoryFilter.all(10))).hasSize(1);
    }

    @Test
    void concurrentInsertsOfOneTextStoreOne() throws Exception {
        MemoryStore second = track(openSecondStore());
        int attemptsPerStore = 50;

        List<InsertResult> results = insertConcurrently(List.of(store, second), attemptsPerStore);

        assertThat(results).hasSize(2 * attemptsPerStore);
        assertThat(results).filteredOn(InsertResult::inserted).hasSize(1);
        assertThat(results).extracting(result -> result.memory().id()).containsOnly(results.get(0).memory().id());
        assertThat(store.list(MemoryFilter.all(10))).hasSize(1);
    }

    @Test
    void insertArchivedStoresStatusReasonAndVector() {
        Memory memory = store.insertArchived(pattern("forgotten", Optional.empty()), Optional.of(embedding(MODEL, 1,
                0)), "wrong", NOW);

        Memory found = store.find(memory.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(Status.ARCHIVED);
        assertThat(found.details()).containsEntry("archived_reason", "wrong");
        assertThat(store.list(MemoryFilter.active(10))).isEmpty();
        assertThat(store.searchText("forgotten", Optional.empty(), 10)).isEmpty();
        assertThat(store.changesSince(0, MODEL)).singleElement().satisfies(change ->
                assertThat(change.memory().status()).isEqualTo(Status.ARCHIVED));
    }

    @Test
    void changesSinceReadsInPages() {
        Memory first = store.insert(pattern("first", Optional.empty()), Optional.empty());
        Memory second = store.insert(pattern("second", Optional.empty()), Optional.empty());
        Memory third = store.insert(pattern("third", Optional.empty()), Optional.empty());

        List<ChangedMemory> page = store.changesSince(0, MODEL, 2);
        assertThat(page).extracting(change -> change.memory().id()).containsExactly(first.id(), second.id());
        assertThat(store.changesSince(0, MODEL, 2)).as("a full page leaves the rest for the next call").hasSize(2);
        assertThat(store.changesSince(second.changeSeq(), MODEL, 2)).extracting(change -> change.memory().id())
                .containsExactly(third.id());
        assertThat(store.changesSince(third.changeSeq(), MODEL, 2)).isEmpty();
        assertThatThrownBy(() -> store.changesSince(0, MODEL, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be at least 1, got 0");
    }

    // ---- list ----

    @Test
    void listShowsGlobalAndOwnProject() {
        Memory global = store.insert(pattern("global one", Optional.empty()), Optional.empty());
        Memory alpha = store.insert(pattern("alpha one", Optional.of(ALPHA)), Optional.empty());
        store.insert(pattern("beta one", Optional.of(BETA)), Optional.empty());

        List<Memory> visible = store.list(MemoryFilter.active(10).visibleFrom(ALPHA));

        assertThat(visible).extracting(Memory::id).containsExactlyInAnyOrder(global.id(), alpha.id());
        assertThat(store.list(MemoryFilter.active(10))).hasSize(3);
    }

    @Test
    void listFiltersByLayerAndKind() {
        store.insert(pattern("a pattern", Optional.empty()), Optional.empty());
        Memory rule = store.insert(rule("a rule", ALPHA), Optional.empty());
        Memory bug = store.insert(failure("a bug", Kind.BUG_PATTERN), Optional.empty());

        assertThat(store.list(MemoryFilter.all(10).withLayers(Set.of(Layer.L1)))).extracting(Memory::id)
                .containsExactly(rule.id());
        assertThat(store.list(MemoryFilter.all(10).withKinds(Set.of(Kind.BUG_PATTERN)))).extracting(Memory::id)
                .containsExactly(bug.id());
    }

    @Test
    void listOfActiveExcludesArchived() {
        Memory active = store.insert(pattern("active", Optional.empty()), Optional.empty());
        Memory archived = store.insert(pattern("archived", Optional.empty()), Optional.empty());
        store.archive(archived.id(), "wrong", NOW);

        assertThat(store.list(MemoryFilter.active(10))).extracting(Memory::id).containsExactly(active.id());
        assertThat(store.list(MemoryFilter.all(10))).hasSize(2);
    }

    @Test
    void countIgnoresLimit() {
        store.insert(pattern("global one", Optional.empty()), Optional.empty());
        store.insert(pattern("alpha one", Optional.of(ALPHA)), Optional.empty());
        store.insert(pattern("beta one", Optional.of(BETA)), Optional.empty());

        assertThat(store.count(MemoryFilter.active(1))).isEqualTo(3);
        assertThat(store.count(MemoryFilter.active(1).visibleFrom(ALPHA))).isEqualTo(2);
    }

    @Test
    void listOrdersNewestFirstAndPages() {
        Memory old = store.insert(pattern("old", Optional.empty(), NOW.minusSeconds(60)), Optional.empty());
        Memory first = store.insert(pattern("first", Optional.empty(), NOW), Optional.empty());
        Memory second = store.insert(pattern("second", Optional.empty(), NOW), Optional.empty());

        assertThat(store.list(MemoryFilter.all(10))).extracting(Memory::id)
                .containsExactly(second.id(), first.id(), old.id());
        assertThat(store.list(MemoryFilter.all(1).withOffset(1))).extracting(Memory::id).containsExactly(first.id());
    }

    // ---- full-text search ----

    @Test
    void searchWeighsBodyMatchAboveTitleMatch() {
        Memory inBody = store.insert(memory("Cache settings", "Eviction of stale entries needs a deadlock check",
                Optional.empty()), Optional.empty());
        Memory inTitle = store.insert(memory("Deadlock in the scheduler", "Two locks taken in opposite order",
                Optional.empty()), Optional.empty());

        List<LexicalHit> hits = store.searchText("deadlock", Optional.empty(), 10);

        assertThat(hits).extracting(LexicalHit::memoryId).containsExactly(inBody.id(), inTitle.id());
        assertThat(hits.get(0).bm25()).isGreaterThan(hits.get(1).bm25());
    }

    @Test
    void searchScoresArePositive() {
        store.insert(memory("Timeout on connect", "Raise the connect timeout", Optional.empty()), Optional.empty());

        assertThat(store.searchText("timeout", Optional.empty(), 10)).isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.bm25()).isPositive());
    }

    @Test
    void searchFindsWordsInsideErrorMessages() {
        Memory memory = store.insert(memory("NullPointerException in OrderService",
                "Check the order before saving", Optional.empty()), Optional.empty());

        List<LexicalHit> hits = store.searchText(
                "java.lang.NullPointerException: at OrderService.save(OrderService.java:42)", Optional.empty(), 5);

        assertThat(hits).extracting(LexicalHit::memoryId).containsExactly(memory.id());
    }

    @Test
    void searchMatchesStemsAndTags() {
        Memory memory = store.insert(new NewMemory(Layer.L0, Kind.PATTERN, "Pool sizing", "Keep pools small",
                Map.of(), "", Optional.empty(), List.of("postgresql"), 0.5, NOW, "h", Optional.empty()),
                Optional.empty());

        assertThat(store.searchText("pooling", Optional.empty(), 5)).extracting(LexicalHit::memoryId)
                .containsExactly(memory.id());
        assertThat(store.searchText("PostgreSQL", Optional.empty(), 5)).extracting(LexicalHit::memoryId)
                .containsExactly(memory.id());
    }

    @Test
    void searchSeesGlobalAndOwnProject() {
        Memory global = store.insert(memory("Flaky test", "global", Optional.empty()), Optional.empty());
        Memory alpha = store.insert(memory("Flaky test", "alpha", Optional.of(ALPHA)), Optional.empty());
        store.insert(memory("Flaky test", "beta", Optional.of(BETA)), Optional.empty());

        assertThat(store.searchText("flaky", Optional.of(ALPHA), 10)).extracting(LexicalHit::memoryId)
                .containsExactlyInAnyOrder(global.id(), alpha.id());
    }

    @Test
    void searchWithoutProjectSeesGlobalOnly() {
        Memory global = store.insert(memory("Flaky test", "global", Optional.empty()), Optional.empty());
        store.insert(memory("Flaky test", "alpha", Optional.of(ALPHA)), Optional.empty());

        assertThat(store.searchText("flaky", Optional.empty(), 10)).extracting(LexicalHit::memoryId)
                .containsExactly(global.id());
    }

    @Test
    void searchSkipsArchivedUntilRestored() {
        Memory memory = store.insert(memory("Flaky test", "quarantine it", Optional.empty()), Optional.empty());
        store.archive(memory.id(), "fixed", NOW);

        assertThat(store.searchText("flaky", Optional.empty(), 10)).isEmpty();

        store.restore(memory.id(), NOW);

        assertThat(store.searchText("flaky", Optional.empty(), 10)).extracting(LexicalHit::memoryId)
                .containsExactly(memory.id());
    }

    @Test
    void searchRespectsLimit() {
        for (int i = 0; i < 5; i++) {
            store.insert(memory("Timeout number " + i, "timeout", Optional.empty()), Optional.empty());
        }

        assertThat(store.searchText("timeout", Optional.empty(), 3)).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"", "\"unbalanced", "'single'", "*", "deadlock*", "AND", "OR NOT",
            "NEAR(", "NEAR(a b, 2)", "-", "--verbose", "title:deadlock", ":", "^start", "a + b", "(", ")",
            "{title body}: x", "🔥🔥", "deadlock 🔥", "ÄÖÜ straße", "日本語のテキスト", "\u0000", "x"})
    void searchNeverThrowsOnOddInput(String text) {
        store.insert(memory("Deadlock in straße", "body text", Optional.empty()), Optional.empty());

        assertThatCode(() -> store.searchText(text, Optional.empty(), 10)).doesNotThrowAnyException();
    }

    @Test
    void searchQuotedOperatorsMatchAsWords() {
        Memory memory = store.insert(memory("Deadlock", "body", Optional.empty()), Optional.empty());

        assertThat(store.searchText("title:deadlock*", Optional.empty(), 10)).extracting(LexicalHit::memoryId)
                .containsExactly(memory.id());
    }

    @Test
    void searchOfStopWordsOnlyIsEmpty() {
        store.insert(memory("The and of", "is it the", Optional.empty()), Optional.empty());

        assertThat(store.searchText("the and of is it", Optional.empty(), 10)).isEmpty();
        assertThat(store.searchText("", Optional.empty(), 10)).isEmpty();
        assertThat(store.searchText(null, Optional.empty(), 10)).isEmpty();
    }

    // ---- uses ----

    @Test
    void hasUseMatchesMemoryRetrievalAndUser() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());
        long retrievalId = store.logRetrieval(retrieval(Optional.of(ALPHA), List.of(memory.id()), NOW));

        store.recordUse(new Use(memory.id(), "ann", Optional.of(ALPHA), "session-1", Outcome.HELPFUL, NOW,
                Optional.of(retrievalId), ""));

        assertThat(store.hasUse(memory.id(), retrievalId, "ann")).isTrue();
        assertThat(store.hasUse(memory.id(), retrievalId, "bob")).isFalse();
        assertThat(store.hasUse(memory.id(), retrievalId + 1, "ann")).isFalse();
    }

    @Test
    void recordUseRaisesHelpfulCountInSql() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        store.recordUse(use(memory.id(), "ann", Outcome.HELPFUL, NOW));
        Memory after = store.recordUse(use(memory.id(), "bob", Outcome.HELPFUL, NOW.plusSeconds(5)));

        assertThat(after.helpfulCount()).isEqualTo(2);
        assertThat(after.unhelpfulCount()).isZero();
        assertThat(after.lastUsedAt()).contains(NOW.plusSeconds(5));
    }

    @Test
    void unhelpfulUseLeavesLastUsedUnset() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        Memory after = store.recordUse(use(memory.id(), "ann", Outcome.NOT_HELPFUL, NOW));

        assertThat(after.unhelpfulCount()).isEqualTo(1);
        assertThat(after.helpfulCount()).isZero();
        assertThat(after.lastUsedAt()).isEmpty();
    }

    @Test
    void olderUseNeverMovesLastUsedBack() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());
        store.recordUse(use(memory.id(), "ann", Outcome.HELPFUL, NOW));

        Memory after = store.recordUse(use(memory.id(), "ann", Outcome.HELPFUL, NOW.minusSeconds(3600)));

        assertThat(after.lastUsedAt()).contains(NOW);
    }

    @Test
    void recordUseRaisesChangeSeq() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        Memory after = store.recordUse(use(memory.id(), "ann", Outcome.HELPFUL, NOW));

        assertThat(after.changeSeq()).isGreaterThan(memory.changeSeq());
    }

    @Test
    void useEvidenceCountsByProjectAndDistinctUsers() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());
        store.recordUse(use(memory.id(), "ann", Optional.of(ALPHA), Outcome.HELPFUL));
        store.recordUse(use(memory.id(), "ann", Optional.of(ALPHA), Outcome.HELPFUL));
        store.recordUse(use(memory.id(), "bob", Optional.of(ALPHA), Outcome.NOT_HELPFUL));
        store.recordUse(use(memory.id(), "cid", Optional.of(BETA), Outcome.HELPFUL));

        UseEvidence alpha = store.useEvidence(memory.id(), Optional.of(ALPHA));
        UseEvidence everywhere = store.useEvidence(memory.id(), Optional.empty());

        assertThat(alpha).isEqualTo(new UseEvidence(2, 1, 1));
        assertThat(everywhere).isEqualTo(new UseEvidence(3, 1, 2));
    }

    @Test
    void useEvidenceOfUnusedMemoryIsZero() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        assertThat(store.useEvidence(memory.id(), Optional.empty())).isEqualTo(new UseEvidence(0, 0, 0));
    }

    @Test
    void distinctUsersCountsUsersOfOneProject() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());
        store.recordUse(use(memory.id(), "ann", Optional.of(ALPHA), Outcome.HELPFUL));
        store.recordUse(use(memory.id(), "ann", Optional.of(ALPHA), Outcome.NOT_HELPFUL));
        store.recordUse(use(memory.id(), "bob", Optional.of(ALPHA), Outcome.NOT_HELPFUL));
        store.recordUse(use(memory.id(), "cid", Optional.of(BETA), Outcome.HELPFUL));

        assertThat(store.distinctUsers(ALPHA)).isEqualTo(2);
        assertThat(store.distinctUsers(new ProjectKey("unused"))).isZero();
    }

    @Test
    void concurrentUsesOnOneStoreAreAllCounted() throws Exception {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        runConcurrently(store, store, memory.id(), 200);

        assertThat(store.find(memory.id()).orElseThrow().helpfulCount()).isEqualTo(400);
    }

    @Test
    void concurrentUsesFromTwoStoresAreAllCounted() throws Exception {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());
        MemoryStore second = track(openSecondStore());

        runConcurrently(store, second, memory.id(), 200);

        assertThat(store.find(memory.id()).orElseThrow().helpfulCount()).isEqualTo(400);
        assertThat(store.useEvidence(memory.id(), Optional.empty()).helpfulUses()).isEqualTo(400);
    }

    // ---- occurrences, archive, restore ----

    @Test
    void recordOccurrenceRaisesCountAndUpdatedAt() {
        Memory memory = store.insert(failure("Port in use", Kind.BUG_PATTERN), Optional.empty());

        Memory after = store.recordOccurrence(memory.id(), NOW.plusSeconds(90));

        assertThat(after.occurrences()).isEqualTo(2);
        assertThat(after.updatedAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(after.createdAt()).isEqualTo(NOW);
        assertThat(after.changeSeq()).isGreaterThan(memory.changeSeq());
    }

    @Test
    void archiveAndRestoreChangeStatusAndChangeSeq() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        Memory archived = store.archive(memory.id(), "superseded", NOW.plusSeconds(1));
        Memory restored = store.restore(memory.id(), NOW.plusSeconds(2));

        assertThat(archived.status()).isEqualTo(Status.ARCHIVED);
        assertThat(archived.changeSeq()).isGreaterThan(memory.changeSeq());
        assertThat(restored.status()).isEqualTo(Status.ACTIVE);
        assertThat(restored.changeSeq()).isGreaterThan(archived.changeSeq());
        assertThat(restored.updatedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    // ---- promotion ----

    @Test
    void promoteCreatesRuleAndPromotionRow() {
        Memory pattern = store.insert(pattern("Validate input early", Optional.empty()), Optional.empty());
        NewMemory rule = withDetails(rule("Validate request bodies in controllers", ALPHA),
                Map.of("promoted_from", pattern.id()));

        Promotion promotion = store.promote(pattern.id(), rule, Optional.of(embedding(MODEL, 1, 0)), "adaptive",
                Map.of("helpful_uses", 2, "users", List.of("ann", "bob")), NOW);

        Memory stored = store.find(promotion.ruleId()).orElseThrow();
        assertThat(promotion.patternId()).isEqualTo(pattern.id());
        assertThat(promotion.project()).isEqualTo(ALPHA);
        assertThat(promotion.policy()).isEqualTo("adaptive");
        assertThat(stored.layer()).isEqualTo(Layer.L1);
        assertThat(stored.project()).contains(ALPHA);
        assertThat(stored.details().get("promoted_from")).isInstanceOfSatisfying(Number.class,
                id -> assertThat(id.longValue()).isEqualTo(pattern.id()));
        assertThat(store.promotionsOf(pattern.id())).containsExactly(promotion);
        assertThat(store.idsWithoutEmbedding(MODEL, 10)).containsExactly(pattern.id());
    }

    @Test
    void promotionsOfListsOldestFirst() {
        Memory pattern = store.insert(pattern("p", Optional.empty()), Optional.empty());
        Promotion later = store.promote(pattern.id(), rule("rule beta", BETA), Optional.empty(), "static", Map.of(),
                NOW.plusSeconds(10));
        Promotion earlier = store.promote(pattern.id(), rule("rule alpha", ALPHA), Optional.empty(), "static",
                Map.of(), NOW);

        assertThat(store.promotionsOf(pattern.id())).extracting(Promotion::id).containsExactly(earlier.id(), later.id());
    }

    @Test
    void writeTransactionPromotesOnceAcrossStores() throws Exception {
        Memory pattern = store.insert(pattern("Retry idempotent calls", Optional.empty()), Optional.empty());
        MemoryStore second = openSecondStore();
        try {
            List<Long> ruleIds = promoteConcurrently(List.of(store, second), pattern.id(), 5);

            assertThat(store.promotionsOf(pattern.id())).hasSize(1);
            assertThat(Set.copyOf(ruleIds)).containsExactly(store.promotionsOf(pattern.id()).get(0).ruleId());
            assertThat(store.count(MemoryFilter.all(100).withLayers(Set.of(Layer.L1)))).isEqualTo(1);
        } finally {
            second.close();
        }
    }

    @Test
    void writeTransactionRollsBackJoinedWrites() {
        assertThatThrownBy(() -> store.inWriteTransaction("failing unit", () -> {
            store.insert(pattern("written then undone", Optional.empty()), Optional.empty());
            throw new IllegalStateException("stop after the insert");
        })).isInstanceOf(IllegalStateException.class).hasMessage("stop after the insert");

        assertThat(store.count(MemoryFilter.all(100))).isZero();
    }

    @Test
    void writeTransactionReadsItsOwnWrites() {
        long seen = store.inWriteTransaction("insert and count", () -> {
            store.insert(pattern("visible inside", Optional.empty()), Optional.empty());
            return (long) store.count(MemoryFilter.all(100));
        });

        assertThat(seen).isEqualTo(1);
    }

    @Test
    void promoteOfUnknownPatternStoresNothing() {
        assertThatThrownBy(() -> store.promote(404, rule("orphan", ALPHA), Optional.empty(), "static", Map.of(), NOW))
                .isInstanceOf(MemoryNotFoundException.class);
        assertThat(store.list(MemoryFilter.all(10))).isEmpty();
        assertThat(store.counts(Optional.empty()).promotions()).isZero();
    }

    // ---- retrievals ----

    @Test
    void logRetrievalRaisesRetrievalCountWithoutChangeSeq() {
        Memory memory = store.insert(pattern("p", Optional.empty()), Optional.empty());

        store.logRetrieval(retrieval(Optional.of(ALPHA), List.of(memory.id()), NOW));

        Memory after = store.find(memory.id()).orElseThrow();
        assertThat(after.retrievalCount()).isEqualTo(1);
        assertThat(after.changeSeq()).isEqualTo(memory.changeSeq());
        assertThat(store.changesSince(memory.changeSeq(), MODEL)).isEmpty();
    }

    @Test
    void logRetrievalRoundTrips() {
        RetrievalRecord input = new RetrievalRecord(0, "session-1", Optional.of(ALPHA), "why does the build hang",
                List.of(3L, 1L), 12, 340, NOW);

        long id = store.logRetrieval(input);

        assertThat(id).isPositive();
        assertThat(store.findRetrieval(id)).contains(new RetrievalRecord(id, "session-1", Optional.of(ALPHA),
                "why does the build hang", List.of(3L, 1L), 12, 340, NOW));
        assertThat(store.findRetrieval(id + 1)).isEmpty();
    }

    @Test
    void recentRetrievalsFilterByProject() {
        long first = store.logRetrieval(retrieval(Optional.of(ALPHA), List.of(), NOW));
        long second = store.logRetrieval(retrieval(Optional.of(BETA), List.of(), NOW));
        long third = store.logRetrieval(retrieval(Optional.of(ALPHA), List.of(), NOW));

        assertThat(store.recentRetrievals(10, Optional.empty())).extracting(RetrievalRecord::id)
                .containsExactly(third, second, first);
        assertThat(store.recentRetrievals(10, Optional.of(ALPHA))).extracting(RetrievalRecord::id)
                .containsExactly(third, first);
        assertThat(store.recentRetrievals(1, Optional.empty())).extracting(RetrievalRecord::id).containsExactly(third);
    }

    @Test
    void retrievalLogIsBounded() {
        MemoryStore bounded = track(openStoreKeepingRetrievals(Clock.fixed(NOW, ZoneOffset.UTC), 3));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(bounded.logRetrieval(retrieval(Optional.empty(), List.of(), NOW)));
        }

        assertThat(bounded.recentRetrievals(10, Optional.empty())).extracting(RetrievalRecord::id)
                .containsExactly(ids.get(6), ids.get(5), ids.get(4));
        assertThat(bounded.counts(Optional.empty()).retrievals()).isEqualTo(3);
    }

    // ---- projects ----

    @Test
    void ensureProjectKeepsFirstCreationTime() {
        ProjectInfo first = store.ensureProject(ALPHA, Optional.of("/home/dev/alpha"), NOW);
        ProjectInfo again = store.ensureProject(ALPHA, Optional.empty(), NOW.plus(Duration.ofDays(3)));

        assertThat(again.createdAt()).isEqualTo(NOW);
        assertThat(again.root()).contains("/home/dev/alpha");
        assertThat(again.name()).isEqualTo("alpha");
        assertThat(store.findProject(ALPHA)).contains(first);
    }

    @Test
    void findProjectReturnsEmptyForUnknownKey() {
        assertThat(store.findProject(BETA)).isEmpty();
    }

    @Test
    void findProjectsByNameIgnoresCase() {
        store.ensureProject(ALPHA, Optional.empty(), NOW);
        store.ensureProject(new ProjectKey("/srv/other/alpha"), Optional.empty(), NOW);
        store.ensureProject(BETA, Optional.empty(), NOW);

        assertThat(store.findProjectsByName("ALPHA")).extracting(ProjectInfo::key)
                .containsExactlyInAnyOrder(ALPHA, new ProjectKey("/srv/other/alpha"));
        assertThat(store.findProjectsByName("gamma")).isEmpty();
    }

    // ---- change feed and embeddings ----

    @Test
    void changesSinceReturnsVectorsOfRequestedModelOnly() {
        Memory withModel = store.insert(pattern("a", Optional.empty()), Optional.of(embedding(MODEL, 0.6f, 0.8f)));
        Memory withOther = store.insert(pattern("b", Optional.empty()), Optional.of(embedding(OTHER_MODEL, 1, 0)));

        List<ChangedMemory> changes = store.changesSince(0, MODEL);

        assertThat(changes).extracting(change -> change.memory().id()).containsExactly(withModel.id(), withOther.id());
        assertThat(changes.get(0).vector()).hasValueSatisfying(
                vector -> assertThat(vector).containsExactly(0.6f, 0.8f));
        assertThat(changes.get(1).vector()).isEmpty();
    }

    @Test
    void changesSinceIncludesArchivedInOrder() {
        Memory first = store.insert(pattern("a", Optional.empty()), Optional.empty());
        Memory second = store.insert(pattern("b", Optional.empty()), Optional.empty());
        store.archive(first.id(), "obsolete", NOW);

        List<ChangedMemory> changes = store.changesSince(0, MODEL);

        assertThat(changes).extracting(change -> change.memory().id()).containsExactly(second.id(), first.id());
        assertThat(changes.get(1).memory().status()).isEqualTo(Status.ARCHIVED);
    }

    @Test
    void changesSinceIsEmptyWhenNothingChanged() {
        Memory memory = store.insert(pattern("a", Optional.empty()), Optional.empty());

        assertThat(store.changesSince(memory.changeSeq(), MODEL)).isEmpty();
        assertThat(store.changesSince(memory.changeSeq(), MODEL)).isEmpty();
        assertThat(store.changesSince(memory.changeSeq() - 1, MODEL)).hasSize(1);
    }

    @Test
    void putEmbeddingRaisesChangeSeqAndReplacesVector() {
        Memory memory = store.insert(pattern("a", Optional.empty()), Optional.of(embedding(MODEL, 1, 0)));

        store.putEmbedding(memory.id(), embedding(MODEL, 0, 1));

        List<ChangedMemory> changes = store.changesSince(memory.changeSeq(), MODEL);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).memory().changeSeq()).isGreaterThan(memory.changeSeq());
        assertThat(changes.get(0).vector()).hasValueSatisfying(vector -> assertThat(vector).containsExactly(0f, 1f));
    }

    @Test
    void idsWithoutEmbeddingIgnoreOtherModels() {
        Memory none = store.insert(pattern("a", Optional.empty()), Optional.empty());
        store.insert(pattern("b", Optional.empty()), Optional.of(embedding(MODEL, 1, 0)));
        Memory other = store.insert(pattern("c", Optional.empty()), Optional.of(embedding(OTHER_MODEL, 1, 0)));
        Memory archived = store.insert(pattern("d", Optional.empty()), Optional.empty());
        store.archive(archived.id(), "old", NOW);

        assertThat(store.idsWithoutEmbedding(MODEL, 10)).containsExactly(none.id(), other.id());
        assertThat(store.idsWithoutEmbedding(MODEL, 1)).containsExactly(none.id());
    }

    @Test
    void embeddingWithoutSentenceVectorsStillCountsAsMissing() {
        Memory memory = store.insert(pattern("a", Optional.empty()), Optional.of(new StoredEmbedding(MODEL,
                new float[] {1, 0})));

        assertThat(store.idsWithoutEmbedding(MODEL, 10)).containsExactly(memory.id());
        assertThat(store.changesSince(0, MODEL).get(0).sentences()).isEmpty();

        store.putEmbedding(memory.id(), new StoredEmbedding(MODEL, new float[] {1, 0},
                List.of(new float[] {0.6f, 0.8f}, new float[] {0, 1})));

        assertThat(store.idsWithoutEmbedding(MODEL, 10)).isEmpty();
        List<float[]> sentences = store.changesSince(0, MODEL).get(0).sentences();
        assertThat(sentences).hasSize(2);
        assertThat(sentences.get(0)).containsExactly(0.6f, 0.8f);
        assertThat(sentences.get(1)).containsExactly(0f, 1f);
    }

    @Test
    void secondStoreSeesCommitsOfTheFirst() {
        MemoryStore second = track(openSecondStore());
        assertThat(second.changesSince(0, MODEL)).isEmpty();

        Memory memory = store.insert(pattern("shared", Optional.empty()), Optional.of(embedding(MODEL, 1, 0)));

        List<ChangedMemory> seen = second.changesSince(0, MODEL);
        assertThat(seen).extracting(change -> change.memory().id()).containsExactly(memory.id());
        assertThat(seen.get(0).vector()).isPresent();

        store.recordUse(use(memory.id(), "ann", Outcome.HELPFUL, NOW));

        assertThat(second.changesSince(memory.changeSeq(), MODEL)).extracting(change -> change.memory().helpfulCount())
                .containsExactly(1);
    }

    @Test
    void changeSeqRisesAcrossStores() {
        MemoryStore second = track(openSecondStore());

        Memory first = store.insert(pattern("a", Optional.empty()), Optional.empty());
        Memory next = second.insert(pattern("b", Optional.empty()), Optional.empty());
        Memory last = store.recordOccurrence(first.id(), NOW);

        assertThat(next.changeSeq()).isGreaterThan(first.changeSeq());
        assertThat(last.changeSeq()).isGreaterThan(next.changeSeq());
    }

    // ---- counts ----

    @Test
    void countsByLayerKindAndStatus() {
        store.insert(pattern("global", Optional.empty()), Optional.empty());
        store.insert(rule("alpha rule", ALPHA), Optional.empty());
        store.insert(rule("beta rule", BETA), Optional.empty());
        Memory archived = store.insert(failure("old bug", Kind.BUG_PATTERN), Optional.empty());
        store.archive(archived.id(), "fixed", NOW);

        StoreCounts all = store.counts(Optional.empty());

        assertThat(all.active()).isEqualTo(3);
        assertThat(all.archived()).isEqualTo(1);
        assertThat(all.byLayer()).containsEntry("L0", 1).containsEntry("L1", 2);
        assertThat(all.byKind()).containsEntry("pattern", 1).containsEntry("rule", 2).containsEntry("bug_pattern", 0);
    }

    @Test
    void countsInProjectView() {
        Memory global = store.insert(pattern("global", Optional.empty()), Optional.empty());
        store.insert(rule("alpha rule", ALPHA), Optional.empty());
        store.insert(rule("beta rule", BETA), Optional.empty());
        store.recordUse(use(global.id(), "ann", Optional.of(ALPHA), Outcome.HELPFUL));
        store.recordUse(use(global.id(), "bob", Optional.of(BETA), Outcome.HELPFUL));
        store.logRetrieval(retrieval(Optional.of(ALPHA), List.of(global.id()), NOW));
        store.promote(global.id(), rule("promoted", ALPHA), Optional.empty(), "static", Map.of(), NOW);

        StoreCounts alpha = store.counts(Optional.of(ALPHA));

        assertThat(alpha.active()).isEqualTo(3);
        assertThat(alpha.byLayer()).containsEntry("L0", 1).containsEntry("L1", 2);
        assertThat(alpha.uses()).isEqualTo(1);
        assertThat(alpha.retrievals()).isEqualTo(1);
        assertThat(alpha.promotions()).isEqualTo(1);
        assertThat(store.counts(Optional.empty()).uses()).isEqualTo(2);
    }

    // ---- unknown ids ----

    @Test
    void unknownIdsRaiseMemoryNotFound() {
        long unknown = 404;

        assertThatThrownBy(() -> store.recordUse(use(unknown, "ann", Outcome.HELPFUL, NOW)))
                .isInstanceOf(MemoryNotFoundException.class);
        assertThatThrownBy(() -> store.recordOccurrence(unknown, NOW)).isInstanceOf(MemoryNotFoundException.class);
        assertThatThrownBy(() -> store.archive(unknown, "x", NOW)).isInstanceOf(MemoryNotFoundException.class);
        assertThatThrownBy(() -> store.restore(unknown, NOW)).isInstanceOf(MemoryNotFoundException.class);
        assertThatThrownBy(() -> store.putEmbedding(unknown, embedding(MODEL, 1, 0)))
                .isInstanceOf(MemoryNotFoundException.class);
        assertThatThrownBy(() -> store.useEvidence(unknown, Optional.empty()))
                .isInstanceOf(MemoryNotFoundException.class);
    }

    @Test
    void failedUseOfUnknownIdRecordsNothing() {
        assertThatThrownBy(() -> store.recordUse(use(404, "ann", Optional.of(ALPHA), Outcome.HELPFUL)))
                .isInstanceOf(MemoryNotFoundException.class);

        assertThat(store.distinctUsers(ALPHA)).isZero();
    }

    // ---- sessions ----

    @Test
    void recordSessionAssignsIdAndKeepsEveryField() {
        SessionSummary stored = store.recordSession(session("abc-1", Optional.of(ALPHA), NOW.plusSeconds(600)));

        assertThat(stored.id()).isPositive();
        SessionSummary read = store.recentSessions(10, Optional.empty()).get(0);
        assertThat(read).isEqualTo(stored);
        assertThat(read.sessionKey()).isEqualTo("abc-1");
        assertThat(read.project()).contains(ALPHA);
        assertThat(read.clientName()).isEqualTo("claude-code");
        assertThat(read.clientVersion()).isEqualTo("2.1.0");
        assertThat(read.startedAt()).isEqualTo(NOW);
        assertThat(read.endedAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(read.retrievals()).isEqualTo(4);
        assertThat(read.memoriesReturned()).isEqualTo(9);
        assertThat(read.distinctMemories()).isEqualTo(6);
        assertThat(read.uses()).isEqualTo(3);
        assertThat(read.helpfulUses()).isEqualTo(2);
        assertThat(read.failuresLogged()).isEqualTo(2);
        assertThat(read.failuresRediscovered()).isEqualTo(1);
    }

    @Test
    void sessionWithoutProjectKeepsEmptyProject() {
        store.recordSession(session("idle", Optional.empty(), NOW));

        assertThat(store.recentSessions(1, Optional.empty()).get(0).project()).isEmpty();
    }

    @Test
    void recentSessionsNewestFirstByProject() {
        long first = store.recordSession(session("s1", Optional.of(ALPHA), NOW)).id();
        long second = store.recordSession(session("s2", Optional.of(BETA), NOW)).id();
        long third = store.recordSession(session("s3", Optional.of(ALPHA), NOW)).id();

        assertThat(store.recentSessions(10, Optional.empty())).extracting(SessionSummary::id)
                .containsExactly(third, second, first);
        assertThat(store.recentSessions(1, Optional.empty())).extracting(SessionSummary::id).containsExactly(third);
        assertThat(store.recentSessions(10, Optional.of(ALPHA))).extracting(SessionSummary::id)
                .containsExactly(third, first);
    }

    @Test
    void sessionTotalsSumRowsOfProjectOrAll() {
        assertThat(store.sessionTotals(Optional.empty())).isEqualTo(SessionTotals.NONE);
        store.recordSession(session("s1", Optional.of(ALPHA), NOW));
        store.recordSession(session("s2", Optional.of(ALPHA), NOW));
        store.recordSession(session("s3", Optional.of(BETA), NOW));

        assertThat(store.sessionTotals(Optional.of(ALPHA))).isEqualTo(new SessionTotals(2, 8, 18, 6, 4, 4, 2));
        assertThat(store.sessionTotals(Optional.empty())).isEqualTo(new SessionTotals(3, 12, 27, 9, 6, 6, 3));
        assertThat(store.sessionTotals(Optional.of(new ProjectKey("/nowhere")))).isEqualTo(SessionTotals.NONE);
    }

    @Test
    void secondStoreSeesRecordedSessions() {
        store.recordSession(session("s1", Optional.of(ALPHA), NOW));

        MemoryStore second = track(openSecondStore());

        assertThat(second.recentSessions(5, Optional.of(ALPHA))).extracting(SessionSummary::sessionKey)
                .containsExactly("s1");
    }

    @Test
    void sessionSummaryRejectsEndBeforeStart() {
        assertThatThrownBy(() -> session("s1", Optional.empty(), NOW.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s1");
    }

    // ---- fixtures ----

    /** Inserts one text from each store on its own thread, {@code attempts} times, all starting together. */
    private static List<InsertResult> insertConcurrently(List<MemoryStore> targets, int attempts) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<List<InsertResult>>> futures = new ArrayList<>();
            for (MemoryStore target : targets) {
                Callable<List<InsertResult>> task = () -> {
                    start.await();
                    List<InsertResult> results = new ArrayList<>();
                    for (int i = 0; i < attempts; i++) {
                        results.add(target.insertUnlessPresent(withHash("race", Optional.empty()), Optional.empty()));
                    }
                    return results;
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<InsertResult> all = new ArrayList<>();
            for (Future<List<InsertResult>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Promotes the pattern into ALPHA from each store on its own thread, {@code attempts} times,
     * each attempt checking for an earlier promotion inside the same write transaction as the
     * insert, and returns the rule id each attempt ended with.
     */
    private static List<Long> promoteConcurrently(List<MemoryStore> targets, long patternId, int attempts)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(targets.size());
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (MemoryStore target : targets) {
                Callable<List<Long>> task = () -> {
                    start.await();
                    List<Long> ruleIds = new ArrayList<>();
                    for (int i = 0; i < attempts; i++) {
                        ruleIds.add(target.inWriteTransaction("promotion race", () -> promoteOnce(target, patternId)));
                    }
                    return ruleIds;
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                all.addAll(future.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    private static long promoteOnce(MemoryStore target, long patternId) {
        List<Promotion> earlier = target.promotionsOf(patternId);
        if (!earlier.isEmpty()) {
            return earlier.get(0).ruleId();
        }
        return target.promote(patternId, rule("the one rule", ALPHA), Optional.empty(), "static", Map.of(), NOW)
                .ruleId();
    }

    private static void runConcurrently(MemoryStore first, MemoryStore second, long memoryId, int usesPerThread)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (MemoryStore target : List.of(first, second)) {
                Callable<Object> task = () -> {
                    start.await();
                    for (int i = 0; i < usesPerThread; i++) {
                        target.recordUse(use(memoryId, "user-" + i % 3, Outcome.HELPFUL, NOW));
                    }
                    return null;
                };
                results.add(executor.submit(task));
            }
            start.countDown();
            for (Future<Object> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    protected static NewMemory memory(String title, String body, Optional<ProjectKey> project) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, body, Map.of(), "", project, List.of(), 0.5, NOW,
                "hash:" + title, Optional.empty());
    }

    protected static NewMemory pattern(String title, Optional<ProjectKey> project) {
        return memory(title, "Body of " + title, project);
    }

    protected static NewMemory pattern(String title, Optional<ProjectKey> project, Instant createdAt) {
        return new NewMemory(Layer.L0, Kind.PATTERN, title, "Body of " + title, Map.of(), "", project, List.of(),
                0.5, createdAt, "hash:" + title, Optional.empty());
    }

    protected static NewMemory rule(String title, ProjectKey project) {
        return new NewMemory(Layer.L1, Kind.RULE, title, "Body of " + title, Map.of(), "", Optional.of(project),
                List.of(), 0.5, NOW, "hash:" + title, Optional.empty());
    }

    protected static NewMemory failure(String title, Kind kind) {
        return new NewMemory(Layer.L0, kind, title, "Body of " + title, Map.of(), "", Optional.empty(), List.of(),
                0.5, NOW, "hash:" + title, Optional.empty());
    }

    private static NewMemory withDetails(Map<String, Object> details) {
        return withDetails(pattern("with details", Optional.empty()), details);
    }

    private static NewMemory withDetails(NewMemory base, Map<String, Object> details) {
        return new NewMemory(base.layer(), base.kind(), base.title(), base.body(), details, base.domain(),
                base.project(), base.tags(), base.importance(), base.createdAt(), base.contentHash(),
                base.externalId());
    }

    private static NewMemory withExternalId(String externalId) {
        return new NewMemory(Layer.L0, Kind.PATTERN, "imported", "imported body", Map.of(), "", Optional.empty(),
                List.of(), 0.5, NOW, "hash:" + externalId, Optional.of(externalId));
    }

    private static NewMemory withHash(String hash, Optional<ProjectKey> project) {
        return new NewMemory(Layer.L0, Kind.PATTERN, "hashed", "hashed body", Map.of(), "", project, List.of(), 0.5,
                NOW, hash, Optional.empty());
    }

    /** An embedding whose only sentence vector is the memory vector itself. */
    protected static StoredEmbedding embedding(String model, float... vector) {
        return new StoredEmbedding(model, vector, List.of(vector));
    }

    protected static Use use(long memoryId, String user, Outcome outcome, Instant at) {
        return new Use(memoryId, user, Optional.empty(), "session-1", outcome, at, Optional.empty(), "");
    }

    protected static Use use(long memoryId, String user, Optional<ProjectKey> project, Outcome outcome) {
        return new Use(memoryId, user, project, "session-1", outcome, NOW, Optional.empty(), "");
    }

    protected static RetrievalRecord retrieval(Optional<ProjectKey> project, List<Long> returnedIds, Instant at) {
        return new RetrievalRecord(0, "session-1", project, "query", returnedIds, 10, 100, at);
    }

    /**
     * Builds a session of 4 retrievals returning 9 memories (6 distinct), 3 uses (2 helpful) and 2
     * failures (1 re-discovered).
     */
    protected static SessionSummary session(String key, Optional<ProjectKey> project, Instant endedAt) {
        return new SessionSummary(0, key, project, "claude-code", "2.1.0", NOW, endedAt, 4, 9, 6, 3, 2, 2, 1);
    }
}
