package dev.scms.store;

import dev.scms.model.ProjectKey;
import dev.scms.text.TextCut;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One logged retrieval. {@code id} is 0 until the store assigns one. {@code considered} is the
 * number of memories in scope, {@code returnedTokens} the estimated tokens returned. The query
 * keeps its first {@link #MAX_QUERY_CHARS} characters, so one huge query cannot grow the log by
 * megabytes; the router has already seen the whole query.
 */
public record RetrievalRecord(long id, String session, Optional<ProjectKey> project, String query,
        List<Long> returnedIds, int considered, int returnedTokens, Instant at) {

    /** UTF-16 units of a query kept in the log: far more than a task or an error message needs. */
    public static final int MAX_QUERY_CHARS = 2_000;

    public RetrievalRecord {
        session = session == null ? "" : session;
        query = head(query);
        returnedIds = List.copyOf(returnedIds);
    }

    /** Returns at most the first {@link #MAX_QUERY_CHARS} characters of {@code query}, cut by {@link TextCut}. */
    private static String head(String query) {
        return query == null ? null : TextCut.head(query, MAX_QUERY_CHARS);
    }
}
