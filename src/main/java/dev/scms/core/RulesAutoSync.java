package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.rules.RuleTarget;
import dev.scms.rules.RulesFiles;
import dev.scms.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a project's rules into the files assistants load after its rules changed (a promotion,
 * or a rule archived or restored), when the {@code rules_sync} setting is on and the project is a
 * folder that exists. A failure is logged and never undoes the change that triggered it.
 */
final class RulesAutoSync {

    private static final Logger LOG = LoggerFactory.getLogger(RulesAutoSync.class);

    private final MemoryStore store;
    private final boolean enabled;

    RulesAutoSync(MemoryStore store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    /**
     * Syncs every target of the project and returns the files it created or changed. The list is
     * empty when the setting is off, when the project is no folder here, or when the sync failed.
     *
     * @param event what changed the rules, for the log, e.g. "promotion of memory 3"
     */
    List<RulesFiles.Outcome> after(String event, ProjectKey project) {
        if (!enabled) {
            return List.of();
        }
        Optional<Path> folder = ProjectResolver.rootOf(project).map(Path::of).filter(Files::isDirectory);
        if (folder.isEmpty()) {
            LOG.info("rules_sync is on, but project {} is not a folder on this machine; its rules files were not "
                    + "written after the {}", project, event);
            return List.of();
        }
        try {
            RulesSyncer.Report report = new RulesSyncer(store).sync(folder.get(), EnumSet.allOf(RuleTarget.class));
            report.outcomes().forEach(outcome -> LOG.info("Rules sync after the {}: {} {}", event,
                    outcome.change().name().toLowerCase(Locale.ROOT), outcome.file()));
            report.outcomes().forEach(outcome -> outcome.limitWarning().ifPresent(warning -> LOG.warn(
                    "Rules sync after the {} into project {}: {}", event, project, warning)));
            report.errors().forEach(error -> LOG.warn("Rules sync after the {} skipped {}", event, error));
            return report.written();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Rules sync after the {} into project {} failed: {}; run scms rules sync --project {} to "
                    + "retry", event, project, e.getMessage(), folder.get());
            return List.of();
        }
    }
}
