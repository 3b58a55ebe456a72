package dev.scms.eval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A query of an evaluation set with the external ids of the memories relevant to it. A query
 * without a date is asked after the last memory.
 */
public record EvalQuery(String id, String text, List<String> relevant, Optional<Instant> date) {

    public EvalQuery {
        relevant = List.copyOf(relevant);
        Objects.requireNonNull(date, "date");
    }
}
