package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import dev.scms.store.InsertResult;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoredEmbedding;
import java.time.Clock;
import java.util.Optional;

/**
 * The remember use case: stores a pattern (global unless a project is named) or a rule (L1 of
 * the request's project). The same text in the same scope (ignoring case and spacing), or the
 * same external id, is reported as a duplicate and not stored again. Texts that differ only in
 * a version number are different lessons, so no similarity threshold applies here. Secrets in
 * the text and title are redacted before the duplicate check and storage.
 */
public final class Rememberer {

    private final MemoryStore store;
    private final MemoryWriter writer;
    private final ProjectResolver projects;
    private final Clock clock;

    public Rememberer(MemoryStore store, MemoryWriter writer, ProjectResolver projects, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.projects = projects;
        this.clock = clock;
    }

    public WriteResult remember(RememberRequest request, ProjectContext context) {
        Optional<ProjectKey> scope = scope(request, context);
        scope.ifPresent(key -> store.ensureProject(key, ProjectResolver.rootOf(key), clock.instant()));
        Draft draft = Draft.of(request);

        Optional<Memory> existing = request.externalId().flatMap(store::findByExternalId)
                .or(() -> store.findActiveByContentHash(draft.hash(), scope));
        if (existing.isPresent()) {
            return new WriteResult(existing.get(), WriteResult.DUPLICATE, draft.redacted());
        }
        Optional<StoredEmbedding> embedding = writer.embed(draft.title(), draft.body());
        NewMemory memory = draft.toNewMemory(request, scope, clock.instant());
        // The read above spares a retry the cost of embedding. The check inside the insert's transaction
        // catches the same text written by another process or thread since that read.
        InsertResult result = writer.insertUnlessPresent(memory, embedding);
        String status = result.inserted() ? WriteResult.STORED : WriteResult.DUPLICATE;
        return new WriteResult(result.memory(), status, draft.redacted());
    }

    private Optional<ProjectKey> scope(RememberRequest request, ProjectContext context) {
        if (request.kind() == Kind.RULE) {
            return Optional.of(projects.resolve(request.project(), context));
        }
        return request.project().filter(text -> !text.isBlank())
                .map(text -> projects.resolve(Optional.of(text), context));
    }
}
