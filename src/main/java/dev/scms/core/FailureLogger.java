package dev.scms.core;

import dev.scms.config.Settings;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.InsertResult;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The log_failure use case. Edge cases go to L1 of their project; bug patterns, anti-patterns
 * and failed approaches go to L0, global unless marked not generalizable. A failure of the same
 * kind whose text is identical, or whose cosine reaches the duplicate threshold, is counted as
 * re-discovered: its occurrence count and last-seen time go up and nothing new is stored.
 * Secrets in the title, symptom, cause, fix, domain and tags are redacted before any of this.
 */
public final class FailureLogger {

    private final MemoryStore store;
    private final MemoryWriter writer;
    private final ProjectResolver projects;
    private final Settings settings;
    private final Clock clock;

    public FailureLogger(MemoryStore store, MemoryWriter writer, ProjectResolver projects, Settings settings,
            Clock clock) {
        this.store = store;
        this.writer = writer;
        this.projects = projects;
        this.settings = settings;
        this.clock = clock;
    }

    public WriteResult log(FailureRequest original, ProjectContext context) {
        FieldRedactor redactor = new FieldRedactor();
        FailureRequest request = redact(original, redactor);
        Map<String, Integer> redacted = redactor.counts();
        Instant now = clock.instant();
        ProjectKey project = projects.resolve(request.project(), context);
        store.ensureProject(project, ProjectResolver.rootOf(project), now);
        boolean edgeCase = request.kind() == Kind.EDGE_CASE;
        Layer layer = edgeCase ? Layer.L1 : Layer.L0;
        Optional<ProjectKey> scope = edgeCase || !request.generalizable() ? Optional.of(project) : Optional.empty();

        String title = Texts.sanitise(request.title().strip());
        String body = Texts.sanitise(body(request, title));
        String hash = Texts.contentHash(request.kind().wireName(), title + "\n" + body);
        Optional<StoredEmbedding> embedding = writer.embed(title, body);
        Optional<Memory> known = store.findActiveByContentHash(hash, scope)
                .or(() -> embedding.flatMap(vector -> writer.nearest(vector.vector(), request.kind(), scope,
                        settings.duplicateThreshold())));
        if (known.isPresent()) {
            return new WriteResult(store.recordOccurrence(known.get().id(), now), WriteResult.REDISCOVERED, redacted);
        }
        NewMemory memory = new NewMemory(layer, request.kind(), title, body, details(request), request.domain(),
                scope, request.tags(), 0.5, now, hash, Optional.empty());
        // NOTE: the cosine check above runs outside the insert's transaction, so two processes that log
        // near-identical texts at the same moment may store both. Identical texts are caught here.
        InsertResult result = writer.insertUnlessPresent(memory, embedding);
        if (!result.inserted()) {
            return new WriteResult(store.recordOccurrence(result.memory().id(), now), WriteResult.REDISCOVERED,
                    redacted);
        }
        return new WriteResult(result.memory(), WriteResult.STORED, redacted);
    }

    /** Returns the request with secrets redacted in its texts, domain and tags. */
    private static FailureRequest redact(FailureRequest request, FieldRedactor redactor) {
        String title = redactor.text(request.title());
        Optional<String> symptom = request.symptom().map(redactor::text);
        Optional<String> cause = request.cause().map(redactor::text);
        Optional<String> fix = request.fix().map(redactor::text);
        return new FailureRequest(request.kind(), title, symptom, cause, fix, request.project(),
                redactor.text(request.domain()), redactor.texts(request.tags()), request.generalizable());
    }

    private static String body(FailureRequest request, String title) {
        StringBuilder body = new StringBuilder();
        request.symptom().filter(text -> !text.isBlank()).ifPresent(text -> body.append("Symptom: ")
                .append(text.strip()).append('\n'));
        request.cause().filter(text -> !text.isBlank()).ifPresent(text -> body.append("Cause: ")
                .append(text.strip()).append('\n'));
        request.fix().filter(text -> !text.isBlank()).ifPresent(text -> body.append("Fix: ")
                .append(text.strip()).append('\n'));
        return body.length() == 0 ? title : body.toString().strip();
    }

    private static Map<String, Object> details(FailureRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        request.symptom().filter(text -> !text.isBlank()).ifPresent(text -> details.put("symptom", text.strip()));
        request.cause().filter(text -> !text.isBlank()).ifPresent(text -> details.put("cause", text.strip()));
        request.fix().filter(text -> !text.isBlank()).ifPresent(text -> details.put("fix", text.strip()));
        return details;
    }
}
