package dev.scms.core;

import dev.scms.model.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records what this server process retrieved, used and logged, for the {@link SessionDashboard}.
 * Thread-safe. It keeps the distinct ids returned, so its memory grows with the number of
 * different memories the session's retrievals return, and the latest {@link #RECENT} retrievals.
 */
final class SessionRecorder {

    /** Number of latest retrievals the dashboard lists. */
    static final int RECENT = 10;
    /** Characters of a query the dashboard keeps, so a pasted stack trace stays readable. */
    static final int QUERY_CHARS = 160;

    private final Clock clock;
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

    SessionRecorder(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    synchronized void retrieved(RetrieveResult result, String query) {
        List<Long> ids = result.returnedIds();
        retrievals++;
        memoriesReturned += ids.size();
        distinct.addAll(ids);
        if (result.dropout().isPresent()) {
            dropouts++;
        }
        String line = Texts.truncate(query.strip().replaceAll("\\s+", " "), QUERY_CHARS);
        recent.addFirst(new SessionDashboard.RecentRetrieval(result.retrievalId(), result.project().value(), line, ids,
                clock.instant()));
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
        return new SessionDashboard(startedAt, retrievals, memoriesReturned, distinct.size(), dropouts,
                List.copyOf(recent), usesRecorded, helpfulUses, failuresLogged, failuresRediscovered, diversity);
    }
}
