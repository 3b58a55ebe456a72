package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.NewMemory;
import dev.scms.model.ProjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cleaned text of a memory about to be stored: body and title with lone surrogates
 * replaced, the title derived from the body when none is given, the content hash, and the
 * domain and tags to store. {@code redacted} counts the secrets replaced in title, body, domain
 * and tags, by kind.
 */
record Draft(String title, String body, String hash, String domain, List<String> tags,
        Map<String, Integer> redacted) {

    Draft {
        tags = List.copyOf(tags);
        redacted = Map.copyOf(redacted);
    }

    /**
     * Cleans a request of the remember use case, which strips the outer blanks of its text and
     * redacts secrets in text, title, domain and tags.
     */
    static Draft of(RememberRequest request) {
        FieldRedactor redactor = new FieldRedactor();
        String body = redactor.text(request.text().strip());
        Optional<String> title = request.title().filter(text -> !text.isBlank())
                .map(text -> redactor.text(text.strip()));
        String domain = redactor.text(request.domain());
        List<String> tags = redactor.texts(request.tags());
        Draft draft = of(request.kind(), body, title, domain, tags);
        return new Draft(draft.title(), draft.body(), draft.hash(), domain, tags, redactor.counts());
    }

    /**
     * Cleans an imported request and keeps its text as written, outer blanks and line breaks
     * included, so that the indentation of a first code line survives an export and import.
     */
    static Draft verbatim(RememberRequest request) {
        return of(request.kind(), request.text(), request.title().filter(text -> !text.isBlank()).map(String::strip),
                request.domain(), request.tags());
    }

    private static Draft of(Kind kind, String bodyText, Optional<String> titleText, String domain,
            List<String> tags) {
        String body = Texts.sanitise(bodyText);
        String title = Texts.sanitise(titleText.orElseGet(() -> Texts.deriveTitle(body)));
        return new Draft(title, body, Texts.contentHash(kind.wireName(), body), domain, tags, Map.of());
    }

    /**
     * Returns the memory to insert. Rules, and edge cases scoped to a project, go to L1 as
     * log_failure places them; every other memory goes to L0.
     */
    NewMemory toNewMemory(RememberRequest request, Optional<ProjectKey> scope, Instant now) {
        boolean projectEdgeCase = request.kind() == Kind.EDGE_CASE && scope.isPresent();
        Layer layer = request.kind() == Kind.RULE || projectEdgeCase ? Layer.L1 : Layer.L0;
        return new NewMemory(layer, request.kind(), title, body, request.details(), domain, scope,
                tags, request.importance(), request.createdAt().orElse(now), hash, request.externalId());
    }
}
