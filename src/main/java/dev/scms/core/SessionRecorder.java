package dev.scms.core;

import dev.scms.model.Outcome;
import dev.scms.model.ProjectKey;
import dev.scms.store.SessionSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records what one MCP session retrieved, used and logged, for the {@link SessionDashboard} and
 * the summary row kept when the session ends. Thread-safe. It keeps the distinct ids returned, so
 * its memory grows with the number of different memories the session's retrievals return, and
 * the latest {@link #RECENT} retrievals.
 */
final class SessionRecorder {

    /** Number of latest retrievals the dashboard lists. */
    static final int RECENT = 10;
    /** Characters of a query the dashboard keeps, so a pasted stack trace stays readable. */
    static final int QUERY_CHARS = 160;

    private final Clock clock;
    private final String key;
    private final Instant startedAt;
    private final Set<Long> distinct = new HashSet<>();
    private final Deque<SessionDashboard.RecentRetrieval> recent = new ArrayDeque<>();
    private int retrievals;
    private int memoriesReturned;
    private int dropouts;
    private int usesRecorded;
    private int helpfulUses;
    private int failuresLogged;
    private int failuresRediscovered;
    private Optional<ProjectKey> project = Optional.empty();
    private String clientName = "";
    private String clientVersion = "";

    SessionRecorder(String key, Clock clock) {
        this.key = key;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Keeps the name and version the client gave in its {@code initialize} request; blank ones are ignored. */
    synchronized void client(String name, String version) {
        if (!name.isBlank()) {
            clientName = name;
            clientVersion = version;
        }
    }

    synchronized void retrieved(RetrieveResult result, String query) {
        List<Long> ids = result.returnedIds();
        retrievals++;
        project = Optional.of(result.project());
        memoriesReturned += ids.size();
        distinct.addAll(ids);
        if (result.dropout().isPresent()) {
            dropouts++;
        }
        String line = Texts.truncate(query.strip().replaceAll("\\s+", " "), QUERY_CHARS);
        // The recent list gives ids for record_use, so a retrieval without a log row is left out.
        result.retrievalId().ifPresent(id -> recent.addFirst(new SessionDashboard.RecentRetrieval(id,
                result.project().value(), line, ids, clock.instant())));
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    /** Counts a use, unless it repeated one already recorded for the same retrieval. */
    synchronized void used(Outcome outcome, boolean alreadyRecorded) {
        if (alreadyRecorded) {
            return;
        }
        usesRecorded++;
        if (outcome == Outcome.HELPFUL) {
            helpfulUses++;
        }
    }

    synchronized void failureLogged(WriteResult result) {
        failuresLogged++;
        if (WriteResult.REDISCOVERED.equals(result.status())) {
            failuresRediscovered++;
        }
    }

    synchronized SessionDashboard dashboard(Diversity diversity) {
        return new SessionDashboard(key, clientName, clientVersion, startedAt, retrievals, memoriesReturned,
                distinct.size(), dropouts, List.copyOf(recent), usesRecorded, helpfulUses, failuresLogged,
                failuresRediscovered, diversity);
    }

    /**
     * Returns the row to keep for this session, ended at {@code endedAt}. The client sends its
     * name and version, so they are redacted like any other stored text.
     */
    synchronized SessionSummary summary(Instant endedAt) {
        return new SessionSummary(0, key, project, SecretRedactor.redact(clientName).text(),
                SecretRedactor.redact(clientVersion).text(), startedAt, endedAt, retrievals,
                memoriesReturned, distinct.size(), usesRecorded, helpfulUses, failuresLogged, failuresRediscovered);
    }
}
