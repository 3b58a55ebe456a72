package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.model.Memory;
import dev.scms.store.MemoryNotFoundException;
import dev.scms.store.MemoryStore;
import dev.scms.store.Promotion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints one memory with everything stored about it, without loading the model. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a memory with its text, counts, "
        + "dates, provenance and promotions.")
final class ShowCommand extends StoreCommand {

    @Parameters(paramLabel = "ID", description = "Id of the memory.")
    long id;

    @Option(names = "--json", description = "Print the memory as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        Memory memory;
        List<Promotion> promotions;
        try (Application application = open(loaded, false)) {
            MemoryStore store = application.store();
            memory = store.find(id).orElseThrow(() -> new MemoryNotFoundException(id));
            promotions = promotions(store, memory);
        }
        if (json) {
            printJson(MemoryFields.full(memory, promotions));
            return 0;
        }
        out().println("Memory " + memory.id() + ": " + TextTable.clean(memory.title()));
        fields(memory, promotions).forEach((name, value) -> out().printf("  %-13s %s%n", name,
                TextTable.clean(value)));
        out().println();
        out().println(memory.body().replaceAll("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]", ""));
        out().flush();
        return 0;
    }

    /** Returns the promotions of a pattern, or the one that created a rule. */
    private static List<Promotion> promotions(MemoryStore store, Memory memory) {
        List<Promotion> promotions = new ArrayList<>(store.promotionsOf(memory.id()));
        if (memory.details().get("promoted_from") instanceof Number patternId) {
            store.promotionsOf(patternId.longValue()).stream().filter(promotion -> promotion.ruleId() == memory.id())
                    .forEach(promotions::add);
        }
        return promotions;
    }

    private static Map<String, String> fields(Memory memory, List<Promotion> promotions) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("layer", memory.layer().name());
        fields.put("kind", memory.kind().wireName());
        fields.put("status", memory.status().wireName());
        fields.put("scope", MemoryFields.scope(memory));
        putIfNotEmpty(fields, "domain", memory.domain());
        putIfNotEmpty(fields, "tags", String.join(", ", memory.tags()));
        fields.put("importance", Double.toString(memory.importance()));
        fields.put("uses", memory.helpfulCount() + " helpful, " + memory.unhelpfulCount() + " not helpful");
        fields.put("retrieved", memory.retrievalCount() == 1 ? "once" : memory.retrievalCount() + " times");
        fields.put("occurrences", Integer.toString(memory.occurrences()));
        fields.put("created", memory.createdAt().toString());
        fields.put("updated", memory.updatedAt().toString());
        memory.lastUsedAt().ifPresent(at -> fields.put("last used", at.toString()));
        memory.source().ifPresent(source -> fields.put("source", source));
        memory.externalId().ifPresent(externalId -> fields.put("external id", externalId));
        for (Promotion promotion : promotions) {
            String name = promotion.ruleId() == memory.id() ? "promoted from" : "promoted to";
            long other = promotion.ruleId() == memory.id() ? promotion.patternId() : promotion.ruleId();
            fields.merge(name, (name.equals("promoted to") ? "rule " : "memory ") + other + " of project "
                    + promotion.project().value() + " on " + promotion.at().toString().substring(0, 10)
                    + " (policy " + promotion.policy() + ")", (first, second) -> first + "; " + second);
        }
        new TreeMap<>(memory.details()).forEach((key, value) -> {
            if (!key.equals("source") && !key.equals("promoted_from")) {
                fields.put(fields.containsKey(key) ? "detail " + key : key, String.valueOf(value));
            }
        });
        return fields;
    }

    private static void putIfNotEmpty(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
