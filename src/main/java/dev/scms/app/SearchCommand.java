package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.InvalidInputException;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.RetrieveResult;
import dev.scms.core.RetrievedMemory;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a retrieval through the real router, as {@code retrieve_memories} does. The retrieval is
 * logged like any other; it never counts as a use.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Retrieve the memories relevant to a "
        + "query with the router, as retrieve_memories does: the project's rules first, then the ranked "
        + "patterns and failures. Loads the model; a search never counts as a use.")
final class SearchCommand extends StoreCommand {

    /** The session name retrievals from the command line are logged under. */
    static final String SESSION = "cli";

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The task or error message to search for.")
    List<String> query;

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Project folder or name (default: the "
            + "project setting, else the working folder).")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "-k", paramLabel = "N", description = "Number of patterns, 1-" + RetrieveRequest.MAX_K
            + " (default: the k setting, 5 unless changed).")
    Integer k;

    @Option(names = "--kinds", paramLabel = "KIND", split = ",", description = "Only these kinds, comma-separated: "
            + "pattern, rule, bug_pattern, anti_pattern, failed_approach, edge_case.")
    List<String> kinds = List.of();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--text", description = "Print the whole text of each memory below the table.")
    boolean text;

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        RetrieveRequest request = new RetrieveRequest(String.join(" ", query), Optional.ofNullable(project),
                k == null ? loaded.defaultK() : k, Set.of(), kinds(kinds), loaded.maxTokens(), SESSION);
        try (Application application = open(loaded, true)) {
            awaitModel(application, "ranking by word match only");
            RetrieveResult result = application.scms().retrieve(request, context(loaded));
            result.notice().ifPresent(notice -> err().println("scms: " + notice));
            if (json) {
                printJson(json(result));
            } else if (result.returned() == 0) {
                err().println("scms: no stored memory is relevant enough to this query; rephrase it with words the "
                        + "memory uses, or lower the gates, e.g. --set min_relevance=0.2 --set min_cosine=0.25");
            } else {
                printTable(table(result));
                if (text) {
                    printTexts(result);
                }
            }
        }
        return 0;
    }

    static Set<Kind> kinds(List<String> names) {
        Set<Kind> parsed = EnumSet.noneOf(Kind.class);
        for (String name : names) {
            parsed.add(Kind.parse(name).orElseThrow(() -> new InvalidInputException("--kinds", "unknown kind "
                    + EchoedText.quote(name) + "; use " + Kind.wireNames(Kind.values()))));
        }
        return parsed;
    }

    private static List<RetrievedMemory> ranked(RetrieveResult result) {
        List<RetrievedMemory> items = new ArrayList<>(result.rules());
        items.addAll(result.memories());
        return items;
    }

    private static TextTable table(RetrieveResult result) {
        TextTable table = new TextTable(List.of("RANK", "ID", "SCORE", "KIND", "LAYER", "TITLE: TEXT"), 5,
                Set.of(0, 1, 2));
        int rank = 0;
        for (RetrievedMemory item : ranked(result)) {
            Memory memory = item.memory();
            table.add(++rank, memory.id(), String.format(Locale.ROOT, "%.3f", item.breakdown().score()),
                    memory.kind().wireName(), memory.layer(), titleAndText(memory));
        }
        return table;
    }

    /**
     * Returns the title followed by the text, which the table cuts to the terminal width. A title
     * that the text starts with, as a title derived from the text does, is left out.
     */
    static String titleAndText(Memory memory) {
        String title = TextTable.clean(memory.title()).strip();
        String body = TextTable.clean(memory.body()).strip();
        String prefix = title.endsWith("…") ? title.substring(0, title.length() - 1).strip() : title;
        return body.startsWith(prefix) ? body : title + ": " + body;
    }

    private void printTexts(RetrieveResult result) {
        int rank = 0;
        for (RetrievedMemory item : ranked(result)) {
            Memory memory = item.memory();
            out().println();
            out().println(++rank + ". memory " + memory.id() + ": " + TextTable.clean(memory.title()));
            memory.body().lines().forEach(line -> out().println("   " + line));
        }
        out().flush();
    }

    private static Map<String, Object> json(RetrieveResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        result.retrievalId().ifPresent(id -> map.put("retrieval_id", id));
        map.put("project", result.project().value());
        map.put("mode", result.mode());
        result.notice().ifPresent(notice -> map.put("notice", notice));
        List<Map<String, Object>> items = new ArrayList<>();
        int rank = 0;
        for (RetrievedMemory item : ranked(result)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rank", ++rank);
            entry.putAll(MemoryFields.summary(item.memory()));
            entry.put("score", Math.round(item.breakdown().score() * 10_000.0) / 10_000.0);
            entry.put("text", item.text());
            entry.put("truncated", item.truncated());
            items.add(entry);
        }
        map.put("results", items);
        map.put("considered", result.considered());
        map.put("returned", result.returned());
        return map;
    }
}
