package dev.scms.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The origin of a request: the client's root folders (as {@code file:} URIs or paths,
 * asked for lazily because asking costs a round trip), the configured default project, and the
 * server's working folder.
 */
public record ProjectContext(Supplier<List<String>> roots, Optional<String> defaultProject, Path workingFolder) {

    /** Returns a context with no client roots and no default project, for the command line and tests. */
    public static ProjectContext of(Path workingFolder) {
        return new ProjectContext(List::of, Optional.empty(), workingFolder);
    }
}
