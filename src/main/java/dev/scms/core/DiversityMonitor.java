package dev.scms.core;

import dev.scms.config.StrategySettings;
import dev.scms.router.SelectionEntropy;
import dev.scms.store.MemoryStore;
import dev.scms.store.RetrievalRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the selection entropy over the last {@code entropy_window} retrievals and raises the
 * diversity alert when it falls below {@code entropy_alert}, once at least
 * {@link StrategySettings#MIN_ENTROPY_WINDOW} retrievals are in the window. Crossing below the
 * threshold logs one WARN, and crossing back above it logs one INFO, so a low entropy does not log
 * on every retrieval.
 *
 * <p>The window starts from the store's retrieval log, all projects, at the first call, and then
 * takes every retrieval of this process, at O(k) per retrieval plus O(distinct memories) for the
 * entropy. NOTE: retrievals that other server processes log after that first read are not seen
 * until this process restarts, so with several processes the figure can differ from memory_stats.
 */
final class DiversityMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(DiversityMonitor.class);

    private final MemoryStore store;
    private final int window;
    private final double threshold;
    private final Deque<List<Long>> selections = new ArrayDeque<>();
    private final Map<Long, Integer> counts = new HashMap<>();
    private int total;
    private int candidates = Integer.MAX_VALUE;
    private boolean seeded;
    private boolean alert;

    DiversityMonitor(MemoryStore store, StrategySettings strategies) {
        this.store = store;
        this.window = strategies.entropyWindow();
        this.threshold = strategies.entropyAlert();
    }

    /**
     * Adds one retrieval to the window and updates the alert.
     *
     * @param retrievalId the id the store gave the retrieval, so that the first read of the log does
     *        not count it twice
     * @param candidates the memories the retrieval considered, which bounds the spread it can reach
     */
    synchronized Diversity record(Optional<Long> retrievalId, List<Long> returnedIds, int candidates) {
        // A retrieval without a log row is not in the log, so every logged one is older.
        seed(retrievalId.orElse(Long.MAX_VALUE));
        this.candidates = candidates;
        add(returnedIds);
        Diversity diversity = current();
        boolean below = Diversity.below(diversity.selectionEntropy(), diversity.retrievals(), threshold);
        if (below && !alert) {
            LOG.warn("Selection entropy {} over the last {} retrievals is below entropy_alert {}: retrieval keeps "
                    + "returning the same few memories. Raise load_balancing or dropout (0.1 is a start), or archive "
                    + "the memories that come back for unrelated tasks.", format(diversity.selectionEntropy()),
                    diversity.retrievals(), threshold);
        } else if (!below && alert) {
            LOG.info("Selection entropy {} over the last {} retrievals is back at or above entropy_alert {}",
                    format(diversity.selectionEntropy()), diversity.retrievals(), threshold);
        }
        alert = below;
        return new Diversity(diversity.selectionEntropy(), diversity.retrievals(), window, threshold, alert);
    }

    /** Returns the entropy of the current window and the alert as of the last retrieval. */
    synchronized Diversity snapshot() {
        seed(Long.MAX_VALUE);
        return current();
    }

    private Diversity current() {
        return new Diversity(SelectionEntropy.normalised(counts.values(), total, candidates), selections.size(), window,
                threshold, alert);
    }

    private void seed(long beforeId) {
        if (seeded) {
            return;
        }
        seeded = true;
        List<RetrievalRecord> recent = new ArrayList<>(store.recentRetrievals(window, Optional.empty()));
        if (!recent.isEmpty()) {
            candidates = recent.get(0).considered();
        }
        // The log returns the newest first, and the window adds the oldest first.
        for (int i = recent.size() - 1; i >= 0; i--) {
            if (recent.get(i).id() < beforeId) {
                add(recent.get(i).returnedIds());
            }
        }
    }

    private void add(List<Long> returnedIds) {
        List<Long> ids = List.copyOf(returnedIds);
        selections.addLast(ids);
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        total += ids.size();
        if (selections.size() > window) {
            List<Long> oldest = selections.removeFirst();
            oldest.forEach(id -> counts.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1));
            total -= oldest.size();
        }
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
