package dev.scms.store;

import dev.scms.model.ProjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One logged retrieval. {@code id} is 0 until the store assigns one. {@code considered} is the
 * number of memories in scope, {@code returnedTokens} the estimated tokens returned.
 */
public record RetrievalRecord(long id, String session, Optional<ProjectKey> project, String query,
        List<Long> returnedIds, int considered, int returnedTokens, Instant at) {

    public RetrievalRecord {
        session = session == null ? "" : session;
        returnedIds = List.copyOf(returnedIds);
    }
}
