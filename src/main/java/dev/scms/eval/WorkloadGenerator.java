package dev.scms.eval;

import dev.scms.eval.Phrasing.Problem;
import dev.scms.eval.Vocabulary.Domain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Generates a dated workload of lessons and developer queries with what real datasets lack:
 * topic locality, recurring problems, lessons that go stale and distractors. Deterministic: the
 * same parameters give the same workload, because every choice comes from one
 * {@link Random} seeded with {@code seed} and no choice depends on hash order.
 *
 * <p>The model of work: a few projects each use two or three domains. Each session falls on
 * one day, in one project, and works in one or two of its domains. The lessons written in it
 * belong to those domains. A lesson is a good practice or a problem (component, error and
 * cause of one domain, each combination used once). A recurring problem comes back 7 to 35
 * days after its previous occurrence, as a query in the next session that works in its domain,
 * phrased with another template. A stale lesson is superseded by a newer one (the old fix
 * stopped working) on a day between its creation and its last recurrence. From then on the
 * newer lesson is the only relevant memory of its queries. Memories relevant to no query are the
 * distractors, among them near-misses that share component and error but not the cause.
 */
public final class WorkloadGenerator {

    /**
     * The assumptions of the model, one per line, for the command help and the README of a
     * generated workload. Lines stay under 80 characters, so the help does not rewrap them, and
     * the text has no percent sign, because the help text is a format string.
     */
    public static final String ASSUMPTIONS = ""
            + "- Six fictional projects each use two or three of the domains docker,\n"
            + "  kubernetes, python, node, gradle, postgres, github-actions and terraform\n"
            + "  (--domains N takes the first N).\n"
            + "- Sessions fall on random days. A session works in one project and in one (6\n"
            + "  sessions in 10) or two of its domains, and the lessons written in it\n"
            + "  belong to those domains.\n"
            + "- Memories are spread over the sessions at random. Each is a good practice\n"
            + "  (kind pattern) with probability --pattern-share, else a problem lesson\n"
            + "  (bug_pattern or edge_case) that combines a component, an error message and\n"
            + "  a cause of one domain; each combination is used once.\n"
            + "- A problem lesson recurs with probability --recurring-share, 1 to\n"
            + "  --max-recurrences times, each 7 to 35 days after the previous time, as a\n"
            + "  query in the next session that works in its domain. A query names the\n"
            + "  component, the error (message or paraphrase) and what changed, never the\n"
            + "  cause or fix, and each recurrence is phrased with another template.\n"
            + "- A recurring lesson goes stale with probability --stale-share: before its\n"
            + "  last recurrence a newer lesson says the old fix stopped working, and later\n"
            + "  queries are answered by the newer lesson only. The stale lesson stays in\n"
            + "  the store as a near-duplicate distractor.\n"
            + "- Every memory that answers no query is a distractor. Many share a component\n"
            + "  and an error with a relevant lesson but not its cause.\n"
            + "- Dates are days (YYYY-MM-DD), and every query is dated strictly after the\n"
            + "  lesson that answers it.\n"
            + "- The text comes from templates and fixed vocabularies: it reads like real\n"
            + "  notes but is synthetic, so report results on it apart from results on real\n"
            + "  data.\n";

    private final Vocabulary vocabulary;

    public WorkloadGenerator() {
        this(Vocabulary.load());
    }

    WorkloadGenerator(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * Generates a workload.
     *
     * @throws IllegalArgumentException if {@code domains} exceeds the vocabulary's domains, or
     *         {@code memories} exceeds the distinct lessons those domains can make
     */
    public GeneratedWorkload generate(WorkloadParameters parameters) {
        WorkloadParameters.checkRange("--domains", parameters.domains(), 1, vocabulary.domains().size());
        List<Domain> domains = vocabulary.domains().subList(0, parameters.domains());
        int capacity = capacity(domains);
        if (parameters.memories() > capacity) {
            throw new IllegalArgumentException("--memories must lie between 10 and " + capacity + " with "
                    + domains.size() + " domains, got " + parameters.memories() + "; the vocabularies make no more "
                    + "distinct lessons, so use scms eval --generate-distractors for larger stores");
        }
        Random random = new Random(parameters.seed());
        List<Session> sessions = Session.plan(parameters, domains, vocabulary.projects(), random);
        Lessons lessons = new Lessons(parameters, domains, random);
        int[] slots = new int[sessions.size()];
        for (int i = 0; i < parameters.memories(); i++) {
            slots[random.nextInt(sessions.size())]++;
        }
        for (int s = 0; s < sessions.size(); s++) {
            for (int slot = 0; slot < slots[s]; slot++) {
                lessons.write(sessions.get(s));
            }
        }
        List<Lessons.QueryDraft> queries = lessons.planQueries(sessions);
        return WorkloadAssembly.assemble(parameters, sessions.size(), lessons, queries, random);
    }

    /** Returns how many distinct lessons the domains can make: every problem combination and every practice per component. */
    static int capacity(List<Domain> domains) {
        int capacity = 0;
        for (Domain domain : domains) {
            int components = domain.components().size();
            capacity += components * domain.errors().size() * domain.causes().size()
                    + components * domain.practices().size();
        }
        return capacity;
    }

    /** One working session: its day (counted from the start date), project and domains. */
    record Session(int index, int day, String project, List<Domain> domains) {

        static List<Session> plan(WorkloadParameters parameters, List<Domain> domains, List<String> projects,
                Random random) {
            List<List<Domain>> projectDomains = new ArrayList<>();
            for (int p = 0; p < projects.size(); p++) {
                projectDomains.add(new ArrayList<>());
            }
            // Round-robin first, so that every domain belongs to a project, then up to two or three each.
            for (int d = 0; d < domains.size(); d++) {
                projectDomains.get(d % projects.size()).add(domains.get(d));
            }
            for (List<Domain> own : projectDomains) {
                int target = Math.min(domains.size(), 2 + random.nextInt(2));
                while (own.size() < target) {
                    Domain extra = domains.get(random.nextInt(domains.size()));
                    if (!own.contains(extra)) {
                        own.add(extra);
                    }
                }
            }
            List<int[]> drafts = new ArrayList<>();
            for (int i = 0; i < parameters.sessions(); i++) {
                drafts.add(new int[] {random.nextInt(parameters.days()), random.nextInt(projects.size()),
                        random.nextInt(100)});
            }
            drafts.sort((left, right) -> Integer.compare(left[0], right[0]));
            List<Session> sessions = new ArrayList<>();
            for (int[] draft : drafts) {
                List<Domain> own = new ArrayList<>(projectDomains.get(draft[1]));
                Collections.shuffle(own, random);
                // A session works in one domain 60% of the time, else in two.
                int count = own.isEmpty() ? 0 : Math.min(own.size(), draft[2] < 60 ? 1 : 2);
                sessions.add(new Session(sessions.size(), draft[0], projects.get(draft[1]), List.copyOf(own
                        .subList(0, count))));
            }
            return sessions;
        }
    }

    /** The problem and practice combinations of one domain not used yet, in shuffled order; a practice is (component, practice). */
    static final class Pool {

        final Deque<Problem> problems = new ArrayDeque<>();
        final Deque<int[]> practices = new ArrayDeque<>();

        Pool(Domain domain, Random random) {
            List<Problem> allProblems = new ArrayList<>();
            List<int[]> allPractices = new ArrayList<>();
            for (int c = 0; c < domain.components().size(); c++) {
                for (int e = 0; e < domain.errors().size(); e++) {
                    for (int k = 0; k < domain.causes().size(); k++) {
                        allProblems.add(new Problem(domain, c, e, k));
                    }
                }
                for (int p = 0; p < domain.practices().size(); p++) {
                    allPractices.add(new int[] {c, p});
                }
            }
            Collections.shuffle(allProblems, random);
            Collections.shuffle(allPractices, random);
            problems.addAll(allProblems);
            practices.addAll(allPractices);
        }    }
}
