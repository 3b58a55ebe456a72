package dev.scms.mcp;

import dev.scms.core.Diversity;
import dev.scms.core.SessionDashboard;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the session layer as a structured map (no null values) and as one Markdown line. */
final class SessionView {

    private SessionView() {
    }

    static Map<String, Object> structured(SessionDashboard session) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("session_key", session.key());
        if (!session.clientName().isEmpty()) {
            map.put("client_name", session.clientName());
            map.put("client_version", session.clientVersion());
        }
        map.put("started_at", session.startedAt().toString());
        map.put("retrievals", session.retrievals());
        map.put("memories_returned", session.memoriesReturned());
        map.put("distinct_memories_returned", session.distinctMemoriesReturned());
        map.put("dropouts", session.dropouts());
        map.put("uses_recorded", session.usesRecorded());
        map.put("helpful_uses", session.helpfulUses());
        map.put("failures_logged", session.failuresLogged());
        map.put("failures_rediscovered", session.failuresRediscovered());
        Diversity diversity = session.diversity();
        map.put("selection_entropy", MemoryView.round(diversity.selectionEntropy()));
        map.put("entropy_retrievals", diversity.retrievals());
        map.put("entropy_alert", diversity.alert());
        map.put("recent", session.recent().stream().map(SessionView::recent).toList());
        return map;
    }

    private static Map<String, Object> recent(SessionDashboard.RecentRetrieval retrieval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("retrieval_id", retrieval.retrievalId());
        map.put("project", retrieval.project());
        map.put("query", retrieval.query());
        map.put("returned_ids", retrieval.returnedIds());
        map.put("at", retrieval.at().toString());
        return map;
    }

    /** Summarises the session in one line of Markdown. */
    static String summary(SessionDashboard session) {
        Diversity diversity = session.diversity();
        return "This session (since " + session.startedAt() + "): "
                + ResultViews.count(session.retrievals(), "retrieval") + " returning "
                + ResultViews.count(session.memoriesReturned(), "memory", "memories") + " ("
                + session.distinctMemoriesReturned() + " distinct, " + ResultViews.count(session.dropouts(), "dropout")
                + "), " + ResultViews.count(session.usesRecorded(), "use") + " recorded (" + session.helpfulUses()
                + " helpful), " + ResultViews.count(session.failuresLogged(), "failure") + " logged ("
                + session.failuresRediscovered() + " re-discovered). As of its last retrieval: selection entropy "
                + MemoryView.format(diversity.selectionEntropy()) + " over "
                + ResultViews.count(diversity.retrievals(), "retrieval")
                + (diversity.alert() ? ", diversity alert raised." : ", no diversity alert.");
    }
}
