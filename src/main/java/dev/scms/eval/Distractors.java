package dev.scms.eval;

import dev.scms.core.RememberRequest;
import dev.scms.eval.Vocabulary.Component;
import dev.scms.eval.Vocabulary.Domain;
import dev.scms.model.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Distractor memories for scale runs. They come from a file, or are generated as release notes
 * of the generator's domains ("Docker 25.3.1 release note: the image build now ..."). Such a
 * note shares the domains' vocabulary but describes no problem, error or fix, so it is relevant
 * to no query of a dataset or a generated workload.
 */
public final class Distractors {

    /** Upper bound of {@link #generate}: enough for the 100k-memory design target. */
    public static final int MAX_GENERATED = 100_000;
    /** Prefix of the ids of generated distractors. */
    public static final String ID_PREFIX = "gd";

    private Distractors() {
    }

    /**
     * Generates {@code count} distinct release notes, deterministic for a given seed, with ids
     * {@code gd000001} onwards and no date (see {@link #spreadOver}).
     *
     * @throws IllegalArgumentException if {@code count} lies outside 1..{@link #MAX_GENERATED}
     */
    public static List<RememberRequest> generate(int count, long seed) {
        if (count < 1 || count > MAX_GENERATED) {
            throw new IllegalArgumentException("--generate-distractors must lie between 1 and " + MAX_GENERATED
                    + ", got " + count);
        }
        Vocabulary vocabulary = Vocabulary.load();
        Random random = new Random(seed);
        Set<String> texts = new HashSet<>();
        List<RememberRequest> notes = new ArrayList<>(count);
        while (notes.size() < count) {
            Domain domain = vocabulary.domains().get(random.nextInt(vocabulary.domains().size()));
            Component component = domain.components().get(random.nextInt(domain.components().size()));
            // 40 minor and 30 patch releases per major version, with several notes each, give far more
            // combinations than MAX_GENERATED, so repeats are rare and simply drawn again.
            String version = domain.major() + "." + random.nextInt(40) + "." + random.nextInt(30);
            String text = Phrasing.changelogText(domain, version, component, pick(vocabulary.changes(), random),
                    pick(vocabulary.remarks(), random));
            if (!texts.add(text)) {
                continue;
            }
            String id = String.format(java.util.Locale.ROOT, "%s%06d", ID_PREFIX, notes.size() + 1);
            Kind kind = random.nextBoolean() ? Kind.BUG_PATTERN : Kind.EDGE_CASE;
            notes.add(new RememberRequest(text, Optional.of(Phrasing.changelogTitle(domain, version, component)),
                    kind, Optional.empty(), domain.domain(), List.of(), 0.5, Map.of(), Optional.empty(),
                    Optional.of(id)));
        }
        return notes;
    }

    /**
     * Gives undated distractors dates spread evenly over the span of the dated memories. Left at
     * the start of the timeline, they would be older than every real memory, and the recency
     * term alone would push them down. Distractors that have a date keep it.
     */
    public static List<RememberRequest> spreadOver(List<RememberRequest> distractors, List<RememberRequest> dated) {
        List<Instant> dates = dated.stream().flatMap(memory -> memory.createdAt().stream()).sorted().toList();
        if (dates.isEmpty()) {
            return distractors;
        }
        long first = dates.get(0).getEpochSecond();
        long span = dates.get(dates.size() - 1).getEpochSecond() - first;
        List<RememberRequest> spread = new ArrayList<>(distractors.size());
        for (int i = 0; i < distractors.size(); i++) {
            RememberRequest memory = distractors.get(i);
            Instant at = Instant.ofEpochSecond(first + span * i / Math.max(1, distractors.size()));
            spread.add(memory.createdAt().isPresent() ? memory : new RememberRequest(memory.text(), memory.title(),
                    memory.kind(), memory.project(), memory.domain(), memory.tags(), memory.importance(),
                    memory.details(), Optional.of(at), memory.externalId()));
        }
        return spread;
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
