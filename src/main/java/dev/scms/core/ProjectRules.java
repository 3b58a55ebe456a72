package dev.scms.core;

import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.rules.RulesFiles;
import dev.scms.rules.RulesMarkdown;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Reads the active rules of one project, which rules sync writes and the rules resource returns. */
public final class ProjectRules {

    private static final int PAGE = 500;

    private final MemoryStore store;

    public ProjectRules(MemoryStore store) {
        this.store = store;
    }

    /** Returns the active L1 rules that belong to exactly this project, oldest first. */
    public List<RulesFiles.Rule> of(ProjectKey project) {
        MemoryFilter filter = MemoryFilter.active(PAGE).visibleFrom(project).withLayers(Set.of(Layer.L1))
                .withKinds(Set.of(Kind.RULE));
        List<Memory> found = new ArrayList<>();
        List<Memory> page = store.list(filter);
        while (!page.isEmpty()) {
            found.addAll(page);
            page = page.size() < PAGE ? List.of() : store.list(filter.withOffset(found.size()));
        }
        return found.stream()
                .filter(memory -> memory.project().map(project::equals).orElse(false))
                .sorted(Comparator.comparingLong(Memory::id))
                .map(memory -> new RulesFiles.Rule(memory.id(), memory.title(), memory.body()))
                .toList();
    }

    /** Returns the project's rules as the Markdown that {@code scms rules sync} writes. */
    public String markdown(ProjectKey project) {
        return RulesMarkdown.render(of(project));
    }
}
