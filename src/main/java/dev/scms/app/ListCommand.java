package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.InvalidInputException;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Status;
import dev.scms.store.MemoryFilter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists stored memories, newest first, without loading the model. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List memories, newest first. Without "
        + "--project it lists every scope; with it, the global memories and those of that project.")
final class ListCommand extends StoreCommand {

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Only memories visible from this project "
            + "folder or name.")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "--layer", paramLabel = "L0|L1", description = "Only this layer.")
    String layer;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: pattern, rule, bug_pattern, "
            + "anti_pattern, failed_approach or edge_case.")
    String kind;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "active", description = "active (default), "
            + "archived or all.")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Print at most N memories "
            + "(default: 50).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of memories.")
    boolean json;

    @Override
    public Integer call() {
        MemoryFilter filter = filter();
        Settings loaded = loadSettings();
        List<Memory> memories;
        int matching;
        try (Application application = open(loaded, false)) {
            if (project != null) {
                filter = filter.visibleFrom(application.scms().projects().resolve(Optional.of(project),
                        context(loaded)));
            }
            memories = application.store().list(filter);
            matching = memories.size() < limit ? memories.size() : application.store().count(filter);
        }
        if (matching > memories.size()) {
            err().println("scms: showing " + memories.size() + " of " + matching + " memories; use --limit "
                    + matching + " to see them all");
        }
        if (json) {
            printJson(memories.stream().map(MemoryFields::summary).toList());
        } else {
            printTable(table(memories));
        }
        return 0;
    }

    MemoryFilter filter() {
        if (limit < 1) {
            throw new InvalidInputException("--limit", "must be at least 1, got " + limit);
        }
        MemoryFilter filter = new MemoryFilter(Optional.empty(), Set.of(), Set.of(), statuses(status), limit, 0);
        if (layer != null) {
            filter = filter.withLayers(Set.of(Layer.parse(layer).orElseThrow(() -> new InvalidInputException(
                    "--layer", "must be L0 or L1, got " + EchoedText.quote(layer)))));
        }
        if (kind != null) {
            filter = filter.withKinds(Set.of(Kind.parse(kind).orElseThrow(() -> new InvalidInputException("--kind",
                    "unknown kind " + EchoedText.quote(kind) + "; use " + Kind.wireNames(Kind.values())))));
        }
        return filter;
    }

    private static Set<Status> statuses(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "active" -> Set.of(Status.ACTIVE);
            case "archived" -> Set.of(Status.ARCHIVED);
            case "all" -> Set.of();
            default -> throw new InvalidInputException("--status", "must be active, archived or all, got "
                    + EchoedText.quote(text));
        };
    }

    private static TextTable table(List<Memory> memories) {
        TextTable table = new TextTable(List.of("ID", "LAYER", "KIND", "STATUS", "USES", "CREATED", "SCOPE", "TITLE"),
                7, Set.of(0, 4));
        for (Memory memory : memories) {
            table.add(memory.id(), memory.layer(), memory.kind().wireName(), memory.status().wireName(),
                    memory.helpfulCount() + "/" + memory.unhelpfulCount(), memory.createdAt().toString()
                            .substring(0, 10), memory.project().map(key -> key.name()).orElse("global"),
                    memory.title());
        }
        return table;
    }
}
