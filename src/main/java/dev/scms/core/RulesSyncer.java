package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.rules.RuleTarget;
import dev.scms.rules.RulesFileException;
import dev.scms.rules.RulesFiles;
import dev.scms.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules sync use case: writes the active rules of a project into the files that assistants
 * load by themselves, one file or section per target.
 */
public final class RulesSyncer {

    private final MemoryStore store;
    private final ProjectResolver projects;

    public RulesSyncer(MemoryStore store) {
        this.store = store;
        this.projects = new ProjectResolver(store);
    }

    /**
     * The result of one sync: the files written or left as they were, the targets it skipped, and
     * the targets whose file it did not create because the project has no rules.
     */
    public record Report(ProjectKey project, int rules, List<RulesFiles.Outcome> outcomes, List<String> errors,
            List<RuleTarget> notCreated) {

        public Report {
            outcomes = List.copyOf(outcomes);
            errors = List.copyOf(errors);
            notCreated = List.copyOf(notCreated);
        }

        /** Returns the outcomes that created or changed a file. */
        public List<RulesFiles.Outcome> written() {
            return outcomes.stream().filter(outcome -> outcome.change() != RulesFiles.Change.UNCHANGED).toList();
        }
    }

    /**
     * Syncs the rules of the project whose root is {@code folder} into each target. A target that
     * must not be changed (a foreign file, broken markers, a path out of the project) is reported in
     * {@link Report#errors()} and the others are still written. Without rules, only files that an
     * earlier sync wrote are updated, to say that there are none, and no file is created.
     *
     * @throws IOException if the folder is not a folder, or reading or writing a file fails
     */
    public Report sync(Path folder, Set<RuleTarget> targets) throws IOException {
        RulesFiles files = RulesFiles.in(folder);
        ProjectKey project = projects.resolve(Optional.of(files.project().toString()), ProjectContext.of(folder));
        List<RulesFiles.Rule> rules = new ProjectRules(store).of(project);
        List<RulesFiles.Outcome> outcomes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<RuleTarget> notCreated = new ArrayList<>();
        for (RuleTarget target : RuleTarget.values()) {
            if (!targets.contains(target)) {
                continue;
            }
            try {
                if (rules.isEmpty() && !files.writtenBefore(target)) {
                    notCreated.add(target);
                } else {
                    outcomes.add(files.sync(target, rules));
                }
            } catch (RulesFileException e) {
                errors.add(target.wireName() + ": " + e.getMessage());
            }
        }
        return new Report(project, rules.size(), outcomes, errors, notCreated);
    }
}
