package dev.scms.eval;

import dev.scms.eval.Phrasing.Problem;
import dev.scms.eval.Vocabulary.Domain;
import dev.scms.eval.WorkloadGenerator.Pool;
import dev.scms.eval.WorkloadGenerator.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The lessons of a workload as the generator writes them session by session, and the queries
 * planned from their recurrences. Ids are assigned later, by {@link WorkloadAssembly}.
 */
final class Lessons {

    private static final int MIN_GAP_DAYS = 7;
    private static final int MAX_GAP_DAYS = 35;
    /** Share of problem lessons stored as bug patterns; the others are edge cases. */
    private static final double BUG_PATTERN_SHARE = 0.7;

    /** A memory before it has an id; {@code day} counts from the start date. */
    record Draft(String kind, String title, String domain, String project, String text, int day) {
    }

    /** A query before it has an id, with the draft of the memory relevant to it. */
    record QueryDraft(String text, Draft relevant, int day, boolean answeredByUpdate, boolean supersededLater) {
    }

    /** A problem lesson with its planned recurrences and, once written, the newer lesson that supersedes it. */
    static final class Lineage {
        final Problem problem;
        final Draft original;
        final List<Integer> recurrenceDays;
        final Optional<Integer> supersedeDue;
        Optional<Draft> update = Optional.empty();

        Lineage(Problem problem, Draft original, List<Integer> recurrenceDays, Optional<Integer> supersedeDue) {
            this.problem = problem;
            this.original = original;
            this.recurrenceDays = List.copyOf(recurrenceDays);
            this.supersedeDue = supersedeDue;
        }
    }

    private final WorkloadParameters parameters;
    private final List<Domain> domains;
    private final Random random;
    private final Map<Domain, Pool> pools = new LinkedHashMap<>();
    private final List<Draft> drafts = new ArrayList<>();
    private final List<Lineage> lineages = new ArrayList<>();
    private final List<Lineage> pending = new ArrayList<>();

    Lessons(WorkloadParameters parameters, List<Domain> domains, Random random) {
        this.parameters = parameters;
        this.domains = domains;
        this.random = random;
        for (Domain domain : domains) {
            pools.put(domain, new Pool(domain, random));
        }
    }

    List<Draft> drafts() {
        return drafts;
    }

    List<Lineage> lineages() {
        return lineages;
    }

    /**
     * Writes one lesson in the session: a due update of a stale lesson of its domains if there is
     * one, else a practice with probability {@code patternShare}, else a new problem. A session
     * whose domains ran out of combinations borrows from another domain.
     */
    void write(Session session) {
        for (Lineage lineage : pending) {
            if (lineage.supersedeDue.orElseThrow() <= session.day() && session.domains().contains(lineage.problem
                    .domain()) && lineage.original.day() < session.day()) {
                pending.remove(lineage);
                lineage.update = Optional.of(add(new Draft(lineage.original.kind(), Phrasing.updateTitle(
                        lineage.problem), lineage.problem.domain().domain(), session.project(), Phrasing.updateText(
                                lineage.problem), session.day())));
                return;
            }
        }
        boolean practice = random.nextDouble() < parameters.patternShare();
        List<Domain> order = new ArrayList<>(session.domains());
        java.util.Collections.shuffle(order, random);
        domains.stream().filter(domain -> !order.contains(domain)).forEach(order::add);
        if (practice && writePractice(session, order)) {
            return;
        }
        if (!writeProblem(session, order)) {
            writePractice(session, order);
        }
    }

    private boolean writePractice(Session session, List<Domain> order) {
        for (Domain domain : order) {
            int[] combination = pools.get(domain).practices.poll();
            if (combination != null) {
                add(new Draft("pattern", Phrasing.patternTitle(domain, domain.practices().get(combination[1])),
                        domain.domain(), session.project(), Phrasing.patternText(domain, domain.components().get(
                                combination[0]), domain.practices().get(combination[1])), session.day()));
                return true;
            }
        }
        return false;
    }

    private boolean writeProblem(Session session, List<Domain> order) {
        for (Domain domain : order) {
            Problem problem = pools.get(domain).problems.poll();
            if (problem != null) {
                String kind = random.nextDouble() < BUG_PATTERN_SHARE ? "bug_pattern" : "edge_case";
                Draft original = add(new Draft(kind, Phrasing.lessonTitle(problem), domain.domain(), session
                        .project(), Phrasing.lessonText(problem, random.nextInt(Phrasing.LESSON_TEMPLATES)),
                        session.day()));
                plan(problem, original);
                return true;
            }
        }
        return false;
    }

    /** Decides whether a new problem recurs, on which days, and whether and when it goes stale. */
    private void plan(Problem problem, Draft original) {
        if (random.nextDouble() >= parameters.recurringShare()) {
            lineages.add(new Lineage(problem, original, List.of(), Optional.empty()));
            return;
        }
        List<Integer> days = new ArrayList<>();
        int day = original.day();
        int count = 1 + random.nextInt(parameters.maxRecurrences());
        for (int i = 0; i < count; i++) {
            day += MIN_GAP_DAYS + random.nextInt(MAX_GAP_DAYS - MIN_GAP_DAYS + 1);
            days.add(day);
        }
        Optional<Integer> due = Optional.empty();
        if (random.nextDouble() < parameters.staleShare()) {
            int last = days.get(days.size() - 1);
            due = Optional.of(original.day() + 1 + random.nextInt(last - original.day() - 1));
        }
        Lineage lineage = new Lineage(problem, original, days, due);
        lineages.add(lineage);
        if (due.isPresent()) {
            pending.add(lineage);
            pending.sort(java.util.Comparator.comparing(entry -> entry.supersedeDue.orElseThrow()));
        }
    }

    /**
     * Places each recurrence in the first session on or after its day that works in the
     * problem's domain and comes strictly after the day of the lesson relevant to it. A
     * recurrence that finds no such session, or lands in a session that already has a query
     * about the problem, is dropped.
     */
    List<QueryDraft> planQueries(List<Session> sessions) {
        List<QueryDraft> queries = new ArrayList<>();
        for (Lineage lineage : lineages) {
            int offset = random.nextInt(Phrasing.QUERY_TEMPLATES);
            Set<Integer> sessionsUsed = new HashSet<>();
            for (int r = 0; r < lineage.recurrenceDays.size(); r++) {
                int due = lineage.recurrenceDays.get(r);
                for (Session session : sessions) {
                    if (session.day() < due || !session.domains().contains(lineage.problem.domain())) {
                        continue;
                    }
                    Optional<Draft> update = lineage.update;
                    boolean updated = update.isPresent() && update.get().day() < session.day();
                    boolean updatedToday = update.isPresent() && update.get().day() == session.day();
                    Draft answer = updated ? update.get() : lineage.original;
                    if (updatedToday || answer.day() >= session.day()) {
                        continue;
                    }
                    if (sessionsUsed.add(session.index())) {
                        queries.add(new QueryDraft(Phrasing.queryText(lineage.problem, session.project(), offset + r),
                                answer, session.day(), updated, !updated && update.isPresent()));
                    }
                    break;
                }
            }
        }
        return queries;
    }

    private Draft add(Draft draft) {
        drafts.add(draft);
        return draft;
    }
}
