package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.RulesSyncer;
import dev.scms.promotion.Plural;
import dev.scms.rules.RuleTarget;
import dev.scms.rules.RulesFileException;
import dev.scms.rules.RulesFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Groups the commands that write a project's rules into files assistants load by themselves. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Write a project's rules into the files "
        + "assistants load by themselves.", subcommands = RulesCommand.Sync.class)
final class RulesCommand {

    @ParentCommand
    Main parent;

    /** Writes the active rules of a project into each target's file. */
    @Command(name = "sync", mixinStandardHelpOptions = true, description = {"Write the active rules of a project "
            + "into the files assistants load by themselves:", "  .claude/rules/scms.md", "  .cursor/rules/scms.mdc",
            "  .windsurf/rules/scms.md", "  AGENTS.md, between the lines " + RulesFiles.START + " and "
                    + RulesFiles.END, "A second run with the same rules changes nothing, and text outside these "
                    + "files and markers is never touched. Without rules it creates no file and only updates the "
                    + "files an earlier sync wrote."})
    static final class Sync implements Callable<Integer> {

        @Mixin
        SettingsOptions settings;

        @ParentCommand
        RulesCommand rules;

        @Spec
        CommandSpec spec;

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "Root folder of the "
                + "project (default: the working folder).")
        Path project;

        @Option(names = "--target", paramLabel = "NAME", split = ",", defaultValue = "all", description = "claude, "
                + "cursor, windsurf, agents or all (default); a comma-separated list is fine.")
        List<String> targets;

        @Override
        public Integer call() throws IOException {
            Set<RuleTarget> chosen = targets(targets);
            Settings loaded = settings.mergedOver(rules.parent.settings).load(Optional.of(project));
            Logging.start(loaded.home(), "WARN");
            RulesSyncer.Report report;
            try (Application application = Application.open(loaded, Clock.systemUTC(), false)) {
                report = new RulesSyncer(application.store()).sync(project, chosen);
            } catch (RulesFileException e) {
                spec.commandLine().getErr().println("scms: " + e.getMessage());
                return ErrorHandler.FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s of project %s%n", Plural.of(report.rules(), "rule"), report.project().value());
            report.outcomes().forEach(outcome -> RulesOutput.printLine(out, outcome));
            if (!report.notCreated().isEmpty()) {
                out.printf("No rules to write, so no rules file was created for %s.%n", String.join(", ",
                        report.notCreated().stream().map(RuleTarget::wireName).toList()));
            }
            out.flush();
            report.outcomes().forEach(outcome -> outcome.limitWarning().ifPresent(warning -> spec.commandLine()
                    .getErr().println("scms: warning: " + warning)));
            report.errors().forEach(error -> spec.commandLine().getErr().println("scms: skipped " + error));
            return report.errors().isEmpty() ? 0 : 1;
        }

        static Set<RuleTarget> targets(List<String> names) {
            Set<RuleTarget> chosen = EnumSet.noneOf(RuleTarget.class);
            for (String name : names) {
                if (name.strip().equalsIgnoreCase("all")) {
                    chosen.addAll(EnumSet.allOf(RuleTarget.class));
                    continue;
                }
                chosen.add(RuleTarget.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown --target '"
                        + name + "'; use claude, cursor, windsurf, agents or all")));
            }
            return chosen;
        }
    }
}
