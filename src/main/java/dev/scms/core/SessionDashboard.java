package dev.scms.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The session layer: what one MCP session retrieved, used and logged since it started. It lives in
 * memory while the session runs; when the session ends only a {@link dev.scms.store.SessionSummary}
 * row is kept.
 *
 * @param key the session's key: the MCP session id, empty for the command line
 * @param clientName the client's name from its {@code initialize} request, empty when unknown
 * @param clientVersion the client's version, empty when unknown
 * @param retrievals the retrievals of this session
 * @param memoriesReturned the memories those retrievals returned, counted once per retrieval
 * @param distinctMemoriesReturned the different memories among them
 * @param dropouts the retrievals in which dropout left out the most-used pick
 * @param recent the latest retrievals, newest first, at most {@link SessionRecorder#RECENT}
 * @param usesRecorded uses recorded in this session, without repeats of the same retrieval
 * @param helpfulUses the helpful ones among them
 * @param failuresLogged failures logged in this session, new and re-discovered
 * @param failuresRediscovered the re-discovered ones among them
 * @param diversity the selection entropy and the diversity alert, as of the last retrieval
 */
public record SessionDashboard(String key, String clientName, String clientVersion, Instant startedAt, int retrievals, int memoriesReturned, int distinctMemoriesReturned,
        int dropouts, List<RecentRetrieval> recent, int usesRecorded, int helpfulUses, int failuresLogged,
        int failuresRediscovered, Diversity diversity) {

    /** One retrieval of the session: its id, project, query (cut to a line) and the memories it returned. */
    public record RecentRetrieval(long retrievalId, String project, String query, List<Long> returnedIds,
            Instant at) {

        public RecentRetrieval {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(query, "query");
            returnedIds = List.copyOf(returnedIds);
            Objects.requireNonNull(at, "at");
        }
    }

    public SessionDashboard {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        recent = List.copyOf(recent);
        Objects.requireNonNull(diversity, "diversity");
    }
}
