package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.NotEligibleException;
import dev.scms.core.PromoteRequest;
import dev.scms.core.PromoteResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Turns an L0 pattern into an L1 rule of a project, as the {@code promote} tool does; with the
 * {@code rules_sync} setting on, the project's rules files are rewritten afterwards.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Promote an L0 pattern to an L1 rule "
        + "of a project, as the promote tool does. Exits with 1 and the missing counts when the pattern is not yet "
        + "eligible; --force promotes anyway and records that it was forced.")
final class PromoteCommand extends StoreCommand {

    @Parameters(paramLabel = "ID", description = "Id of the L0 pattern.")
    long id;

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Project the rule belongs to (default: the "
            + "project setting, else the working folder).")
    String project;

    @Override
    Optional<String> projectArgument() {
        return Optional.ofNullable(project).filter(value -> !value.isBlank());
    }

    @Option(names = "--rule", paramLabel = "TEXT", description = "Wording of the rule (default: the pattern's text).")
    String rule;

    @Option(names = "--force", description = "Promote even when the policy's requirements are not met.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Settings loaded = loadSettings();
        PromoteResult result;
        try (Application application = open(loaded, true)) {
            awaitModel(application, "the rule is stored without a vector and gets one when a later command loads "
                    + "the model");
            result = application.scms().promote(new PromoteRequest(id, Optional.ofNullable(project),
                    Optional.ofNullable(rule), force, Optional.of(loaded.user())), context(loaded));
        } catch (NotEligibleException e) {
            err().println("scms: " + e.getMessage().replace("Record more helpful uses with record_use, or pass "
                    + "force=true to promote anyway.", "Record more helpful uses with scms use " + id
                            + ", or pass --force to promote anyway."));
            return ErrorHandler.FAILURE;
        }
        if (json) {
            printJson(json(result));
        } else {
            out().println((result.alreadyPromoted() ? "Memory " + id + " was already promoted to rule "
                    : "Promoted memory " + id + " to rule ") + result.rule().id() + " of project "
                    + result.promotion().project().value() + " (policy " + result.promotion().policy() + ").");
            RulesOutput.printWritten(out(), result.rulesFiles());
        }
        return 0;
    }

    private static Map<String, Object> json(PromoteResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", result.rule().id());
        map.put("pattern_id", result.promotion().patternId());
        map.put("project", result.promotion().project().value());
        map.put("policy", result.promotion().policy());
        map.put("already_promoted", result.alreadyPromoted());
        map.put("evidence", new java.util.TreeMap<>(result.promotion().evidence()));
        map.put("rule", MemoryFields.summary(result.rule()));
        map.put("rules_files_written", result.rulesFiles().stream().map(outcome -> outcome.file().toString()).toList());
        return map;
    }
}
