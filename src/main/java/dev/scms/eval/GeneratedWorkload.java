package dev.scms.eval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A generated workload in the format of the development set, with counts for its README.
 * {@code counts} maps a plain-language label to a number, in the order the README lists them.
 */
public record GeneratedWorkload(WorkloadParameters parameters, List<Memory> memories, List<Query> queries,
        Map<String, Integer> counts) {

    public GeneratedWorkload {
        memories = List.copyOf(memories);
        queries = List.copyOf(queries);
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }

    /** A memory line: {@code kind} is a wire name such as {@code bug_pattern}. */
    public record Memory(String id, String kind, String title, String domain, String project, String text,
            LocalDate date) {
    }

    /** A query line with the ids of the memories relevant to it. */
    public record Query(String id, String text, List<String> relevant, LocalDate date) {

        public Query {
            relevant = List.copyOf(relevant);
        }
    }
}
