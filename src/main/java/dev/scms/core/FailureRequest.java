package dev.scms.core;

import dev.scms.model.Kind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure to log. {@code generalizable} (default true) keeps bug patterns, anti-patterns and
 * failed approaches global; false scopes them to the project.
 */
public record FailureRequest(Kind kind, String title, Optional<String> symptom, Optional<String> cause,
        Optional<String> fix, Optional<String> project, String domain, List<String> tags, boolean generalizable) {

    public FailureRequest {
        Objects.requireNonNull(kind, "kind");
        if (!kind.isFailure()) {
            throw new InvalidInputException("kind", "must be one of " + Kind.wireNames(Kind.BUG_PATTERN,
                    Kind.ANTI_PATTERN, Kind.FAILED_APPROACH, Kind.EDGE_CASE) + ", got " + kind.wireName());
        }
        if (title == null || Texts.isBlank(title)) {
            throw new InvalidInputException("title", "must not be empty; name the failure in a few words");
        }
        Texts.requireNoNul("title", title);
        Objects.requireNonNull(symptom, "symptom").ifPresent(value -> Texts.requireNoNul("symptom", value));
        Objects.requireNonNull(cause, "cause").ifPresent(value -> Texts.requireNoNul("cause", value));
        Objects.requireNonNull(fix, "fix").ifPresent(value -> Texts.requireNoNul("fix", value));
        Objects.requireNonNull(project, "project").ifPresent(value -> Texts.requireNoNul("project", value));
        domain = Texts.requireNoNul("domain", domain == null ? "" : domain.strip());
        tags = List.copyOf(tags);
        tags.forEach(tag -> Texts.requireNoNul("tags", tag));
    }
}
