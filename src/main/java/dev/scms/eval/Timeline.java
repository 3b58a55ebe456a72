package dev.scms.eval;

import dev.scms.core.RememberRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A dataset in time order, cut into steps: each step is either a run of consecutive memories,
 * which the replay stores as one batch, or one query. On the same instant memories come first.
 * A memory without a date is dated at the epoch; a query without one is asked after the last memory.
 */
final class Timeline {

    /** One step of the replay: a batch of memories, or one query asked at {@code at}. */
    record Step(Instant at, List<RememberRequest> memories, Optional<EvalQuery> query) {
    }

    private Timeline() {
    }

    static List<Step> of(List<RememberRequest> memories, List<EvalQuery> queries) {
        List<Event> events = new ArrayList<>(memories.size() + queries.size());
        for (RememberRequest memory : memories) {
            events.add(new Event(memory.createdAt().orElse(Instant.EPOCH), Optional.of(dated(memory)),
                    Optional.empty()));
        }
        Instant last = events.stream().map(Event::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        for (EvalQuery query : queries) {
            events.add(new Event(query.date().orElse(last), Optional.empty(), Optional.of(query)));
        }
        // A stable sort keeps the file order of events on the same instant.
        events.sort(Comparator.comparing(Event::at).thenComparing(event -> event.memory().isEmpty()));
        return steps(events);
    }

    private static List<Step> steps(List<Event> events) {
        List<Step> steps = new ArrayList<>();
        List<RememberRequest> batch = new ArrayList<>();
        Instant batchEnd = Instant.EPOCH;
        for (Event event : events) {
            if (event.memory().isPresent()) {
                batch.add(event.memory().get());
                batchEnd = event.at();
                continue;
            }
            if (!batch.isEmpty()) {
                steps.add(new Step(batchEnd, List.copyOf(batch), Optional.empty()));
                batch.clear();
            }
            steps.add(new Step(event.at(), List.of(), event.query()));
        }
        if (!batch.isEmpty()) {
            steps.add(new Step(batchEnd, List.copyOf(batch), Optional.empty()));
        }
        return steps;
    }

    /** Returns the memory with its creation time set, the epoch when it has none, so a batch keeps each memory's own date. */
    private static RememberRequest dated(RememberRequest memory) {
        if (memory.createdAt().isPresent()) {
            return memory;
        }
        return new RememberRequest(memory.text(), memory.title(), memory.kind(), memory.project(), memory.domain(),
                memory.tags(), memory.importance(), memory.details(), Optional.of(Instant.EPOCH),
                memory.externalId());
    }

    private record Event(Instant at, Optional<RememberRequest> memory, Optional<EvalQuery> query) {
    }
}
