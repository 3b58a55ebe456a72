package dev.scms.eval;

import dev.scms.eval.Lessons.Draft;
import dev.scms.eval.Lessons.Lineage;
import dev.scms.eval.Lessons.QueryDraft;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns the drafts of a workload into its lines: memories get ids in shuffled order, so that
 * neither id nor file position reveals which role a memory plays, and queries get ids in
 * time order. Also counts what the README reports.
 */
final class WorkloadAssembly {

    private WorkloadAssembly() {
    }

    static GeneratedWorkload assemble(WorkloadParameters parameters, int sessions, Lessons lessons,
            List<QueryDraft> queryDrafts, Random random) {
        List<Draft> shuffled = new ArrayList<>(lessons.drafts());
        Collections.shuffle(shuffled, random);
        Map<Draft, String> ids = new IdentityHashMap<>();
        List<GeneratedWorkload.Memory> memories = new ArrayList<>();
        LocalDate start = parameters.start();
        for (Draft draft : shuffled) {
            String id = "g" + pad(ids.size() + 1, shuffled.size());
            ids.put(draft, id);
            memories.add(new GeneratedWorkload.Memory(id, draft.kind(), draft.title(), draft.domain(), draft.project(),
                    draft.text(), start.plusDays(draft.day())));
        }
        List<QueryDraft> ordered = new ArrayList<>(queryDrafts);
        ordered.sort(Comparator.comparingInt(QueryDraft::day));
        List<GeneratedWorkload.Query> queries = new ArrayList<>();
        for (QueryDraft draft : ordered) {
            queries.add(new GeneratedWorkload.Query("gq" + pad(queries.size() + 1, ordered.size()), draft.text(),
                    List.of(ids.get(draft.relevant())), start.plusDays(draft.day())));
        }
        return new GeneratedWorkload(parameters, memories, queries, counts(sessions, lessons, ordered));
    }

    private static Map<String, Integer> counts(int sessions, Lessons lessons, List<QueryDraft> queries) {
        Set<Draft> relevant = Collections.newSetFromMap(new IdentityHashMap<>());
        queries.forEach(query -> relevant.add(query.relevant()));
        int recurring = 0;
        int stale = 0;
        int queried = 0;
        for (Lineage lineage : lessons.lineages()) {
            recurring += lineage.recurrenceDays.isEmpty() ? 0 : 1;
            stale += lineage.update.isPresent() ? 1 : 0;
            queried += queries.stream().anyMatch(query -> query.relevant() == lineage.original || lineage.update
                    .map(update -> update == query.relevant()).orElse(false)) ? 1 : 0;
        }
        int patterns = (int) lessons.drafts().stream().filter(draft -> draft.kind().equals("pattern")).count();
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("sessions", sessions);
        counts.put("memories", lessons.drafts().size());
        counts.put("good practices (kind pattern)", patterns);
        counts.put("problem lessons", lessons.lineages().size());
        counts.put("problem lessons planned to recur", recurring);
        counts.put("problem lessons asked about at least once", queried);
        counts.put("stale lessons, each superseded by a newer lesson", stale);
        counts.put("memories that answer no query (distractors)", lessons.drafts().size() - relevant.size());
        counts.put("queries", queries.size());
        counts.put("queries answered by a newer lesson (its stale predecessor is a distractor)", (int) queries
                .stream().filter(QueryDraft::answeredByUpdate).count());
        counts.put("queries asked before their lesson was superseded", (int) queries.stream().filter(
                QueryDraft::supersededLater).count());
        return counts;
    }

    private static String pad(int number, int total) {
        int width = Math.max(3, Integer.toString(total).length());
        return String.format(java.util.Locale.ROOT, "%0" + width + "d", number);
    }
}
