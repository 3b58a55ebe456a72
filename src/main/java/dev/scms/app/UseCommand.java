package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.InvalidInputException;
import dev.scms.core.UseRequest;
import dev.scms.core.UseResult;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import dev.scms.promotion.Eligibility;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records that a memory was applied, as the {@code record_use} tool does. */
@Command(name = "use", mixinStandardHelpOptions = true, description = "Record that a memory was applied, as "
        + "record_use does, and print its counts and promotion eligibility in the project.")
final class UseCommand extends StoreCommand {

    @Parameters(paramLabel = "ID", description = "Id of the memory that was applied.")
    long id;

    @Option(names = "--outcome", paramLabel = "OUTCOME", defaultValue = "helpful", description = "helpful (default)"
            + " or not_helpful.")
    String outcome;

    @Option(names = "--note", paramLabel = "T", description = "A note kept with the use.")
    String note;

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Project the memory was applied in "
            + "(default: the project setting, else the working folder).")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Outcome parsed = Outcome.parse(outcome).orElseThrow(() -> new InvalidInputException("--outcome",
                "must be helpful or not_helpful, got " + EchoedText.quote(outcome)));
        Settings loaded = loadSettings();
        UseResult result;
        try (Application application = open(loaded, false)) {
            result = application.scms().recordUse(new UseRequest(id, parsed, Optional.empty(), Optional.empty(),
                    Optional.ofNullable(project), note, SearchCommand.SESSION), context(loaded));
        }
        if (json) {
            printJson(json(result));
        } else {
            out().println(text(result));
        }
        return 0;
    }

    private static Map<String, Object> json(UseResult result) {
        Map<String, Object> map = MemoryFields.summary(result.memory());
        map.put("use_project", result.project().value());
        result.eligibility().ifPresent(eligibility -> map.put("promotion", eligibility(eligibility)));
        result.promotion().ifPresent(promotion -> map.put("promoted_to_rule", promotion.rule().id()));
        return map;
    }

    private static Map<String, Object> eligibility(Eligibility eligibility) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("eligible", eligibility.eligible());
        map.put("missing_uses", eligibility.missingUses());
        map.put("missing_users", eligibility.missingUsers());
        map.put("explanation", eligibility.requirement().explanation());
        return map;
    }

    private static String text(UseResult result) {
        Memory memory = result.memory();
        StringBuilder text = new StringBuilder("Recorded use of memory " + memory.id() + ": "
                + memory.helpfulCount() + " helpful, " + memory.unhelpfulCount() + " not helpful.");
        result.eligibility().ifPresent(eligibility -> {
            String project = result.project().value();
            if (result.promotion().isPresent()) {
                text.append(" Promoted to rule ").append(result.promotion().get().rule().id()).append(" of project ")
                        .append(project).append('.');
            } else if (eligibility.eligible()) {
                text.append(" Eligible for promotion in project ").append(project).append(": scms promote ")
                        .append(memory.id()).append('.');
            } else {
                text.append(" Promotion in project ").append(project).append(" needs ")
                        .append(eligibility.missing()).append('.');
            }
        });
        return text.toString();
    }
}
