package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.InvalidInputException;
import dev.scms.core.RememberRequest;
import dev.scms.core.WriteResult;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Stores a lesson as the {@code remember} tool does. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Store a pattern or a project rule, as the "
        + "remember tool does. The same text in the same scope is reported as a duplicate and not stored again.")
final class AddCommand extends StoreCommand {

    @Parameters(paramLabel = "TEXT", description = "The lesson in 1-3 sentences, or - to read it from stdin.")
    String text;

    @Option(names = "--title", paramLabel = "T", description = "Title (default: the first sentence of the text).")
    String title;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "pattern", description = "pattern (default, "
            + "global unless --project is given) or rule (an L1 rule of the project).")
    String kind;

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Project folder or name (default for a "
            + "rule: the project setting, else the working folder).")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "--domain", paramLabel = "D", description = "Domain, such as sqlite or gradle.")
    String domain;

    @Option(names = "--tags", paramLabel = "a,b", split = ",", description = "Comma-separated tags.")
    List<String> tags = List.of();

    @Option(names = "--importance", paramLabel = "0..1", defaultValue = "0.5", description = "Importance between 0 "
            + "and 1 (default: 0.5).")
    double importance;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        RememberRequest request = request(readText());
        Settings loaded = loadSettings();
        try (Application application = open(loaded, true)) {
            awaitModel(application, "the memory is stored without a vector and gets one when a later command "
                    + "loads the model");
            WriteResult result = application.scms().remember(request, context(loaded));
            print(result);
        }
        return 0;
    }

    RememberRequest request(String body) {
        Kind parsed = Kind.parse(kind).filter(value -> value == Kind.PATTERN || value == Kind.RULE)
                .orElseThrow(() -> new InvalidInputException("--kind", "must be pattern or rule, got "
                        + EchoedText.quote(kind)));
        return new RememberRequest(body, Optional.ofNullable(title), parsed, Optional.ofNullable(project),
                domain == null ? "" : domain, tags.stream().map(String::strip).filter(tag -> !tag.isEmpty()).toList(),
                importance, Map.of(), Optional.empty(), Optional.empty());
    }

    private String readText() throws IOException {
        if (!text.equals("-")) {
            return text;
        }
        return StrictUtf8.decode(System.in.readAllBytes(), "TEXT", "stdin");
    }

    private void print(WriteResult result) {
        Memory memory = result.memory();
        if (json) {
            Map<String, Object> map = MemoryFields.summary(memory);
            map.put("result", result.status());
            if (!result.redacted().isEmpty()) {
                map.put("redacted", result.redacted());
            }
            printJson(map);
            return;
        }
        String verb = result.status().equals(WriteResult.DUPLICATE) ? "duplicate of" : result.status();
        out().println(verb + " " + memory.id() + "  " + memory.layer() + " " + memory.kind().wireName() + "  "
                + MemoryFields.scope(memory) + "  " + TextTable.clean(memory.title()));
        result.redacted().forEach((kind, count) -> out().println("redacted " + count + " " + kind));
    }
}
