package dev.scms.core;

import dev.scms.store.MemoryStore;
import dev.scms.store.SessionSummary;
import dev.scms.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session layer of every open MCP session, keyed by session id. A session's recorder is
 * created by its first request and dropped when the session ends, which stores one summary row.
 * The empty key collects the command line's requests, which belong to no MCP session.
 *
 * <p>A transport must call {@link #end} for each session it closes. Over stdio the one session
 * ends with the input, and {@link #endAll} covers a server that closes.
 */
public final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final MemoryStore store;
    private final Clock clock;
    private final Map<String, SessionRecorder> open = new ConcurrentHashMap<>();

    Sessions(MemoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Opens the session on its first request, or returns the open one, and keeps the client's
     * name and version.
     */
    public void open(String key, String clientName, String clientVersion) {
        recorder(key).client(clientName == null ? "" : clientName, clientVersion == null ? "" : clientVersion);
    }

    /** Returns the keys of the open sessions. */
    public List<String> openKeys() {
        return List.copyOf(open.keySet());
    }

    /**
     * Ends a session: drops its recorder and stores its summary row. Ending a session that is not
     * open, or was ended already, stores nothing. The empty key is never stored, because the
     * command line has no session to summarise. A store failure is logged, since nothing can be
     * retried at the end of a session.
     */
    public Optional<SessionSummary> end(String key) {
        SessionRecorder recorder = open.remove(key);
        if (recorder == null || key.isEmpty()) {
            return Optional.empty();
        }
        SessionSummary summary = recorder.summary(clock.instant());
        try {
            SessionSummary stored = store.recordSession(summary);
            LOG.info("Session {} ended after {} retrievals and {} uses; kept as session row {}", key,
                    stored.retrievals(), stored.uses(), stored.id());
            return Optional.of(stored);
        } catch (StoreException e) {
            LOG.error("Storing the summary of session {} failed: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Ends every open session and returns the summaries stored. */
    public List<SessionSummary> endAll() {
        List<SessionSummary> stored = new ArrayList<>();
        for (String key : openKeys()) {
            end(key).ifPresent(stored::add);
        }
        return stored;
    }

    SessionRecorder recorder(String key) {
        return open.computeIfAbsent(key, newKey -> new SessionRecorder(newKey, clock));
    }
}
