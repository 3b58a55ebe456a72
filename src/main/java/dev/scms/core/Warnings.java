package dev.scms.core;

import dev.scms.model.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns the failures among the returned memories into "known pitfall" warnings. */
final class Warnings {

    private Warnings() {
    }

    static List<String> of(Selection selection) {
        return of(Stream.concat(selection.rules().stream(), selection.memories().stream())
                .map(RetrievedMemory::memory).toList());
    }

    static List<String> of(List<Memory> memories) {
        List<String> warnings = new ArrayList<>();
        memories.stream()
                .filter(memory -> memory.kind().isFailure())
                .forEach(memory -> warnings.add(describe(memory)));
        return warnings;
    }

    private static String describe(Memory memory) {
        String seen = memory.occurrences() > 1 ? ", seen " + memory.occurrences() + " times" : "";
        return "Known pitfall (" + memory.kind().wireName() + ", memory " + memory.id() + seen + "): "
                + memory.title();
    }
}
