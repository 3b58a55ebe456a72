package dev.scms.core;

import dev.scms.config.EchoedText;
import dev.scms.config.ProjectSpelling;
import dev.scms.model.ProjectKey;
import dev.scms.store.MemoryStore;
import dev.scms.store.ProjectInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a project argument, the client's roots or the working folder into one project key.
 *
 * <p>A folder is normalised by {@link FolderKeys} (home expanded, {@code file:} URIs decoded,
 * symbolic links and {@code .}/{@code ..} resolved, forward slashes, no trailing slash, letter
 * case as on disk where the file system ignores case), so that different spellings of one
 * folder give one key. {@link ProjectSpelling} decides what is a path and which spellings are
 * rejected; anything that is not a path is a project name. A name
 * that is the key of a name-only project, or the folder name of exactly one known project,
 * means that project. A name that matches the folder names of several known projects is
 * rejected. A name that matches none is a new name-only project.
 *
 * <p>Resolving never stores anything: only the use cases that write register a project.
 */
public final class ProjectResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectResolver.class);

    private final MemoryStore store;

    public ProjectResolver(MemoryStore store) {
        this.store = store;
    }

    /**
     * Resolves the project of a request: the argument, else the first client root that is a
     * {@code file:} URI or an absolute path, else the configured default project, else the working folder.
     *
     * @throws InvalidInputException for a project that {@link ProjectSpelling} rejects, an invalid
     *         folder path, or a name that matches several known projects
     */
    public ProjectKey resolve(Optional<String> argument, ProjectContext context) {
        if (argument.isPresent() && !argument.get().isBlank()) {
            return fromArgument(argument.get());
        }
        List<String> roots = context.roots().get();
        for (String root : roots) {
            Optional<ProjectKey> key = rootKey(root);
            if (key.isPresent()) {
                return key.get();
            }
        }
        if (context.defaultProject().isPresent() && !context.defaultProject().get().isBlank()) {
            return fromSetting(context.defaultProject().get());
        }
        return folderKey(context.workingFolder().toString())
                .orElseThrow(() -> new InvalidInputException("project", "the working folder " + context
                        .workingFolder() + " is not a usable path; pass a project name or folder"));
    }

    /**
     * Returns the key of a client root. The MCP specification defines roots as {@code file:} URIs;
     * an absolute path is taken too, and anything else (another scheme, a relative text, control
     * characters) is skipped, because it would otherwise become a folder under the working folder.
     */
    private static Optional<ProjectKey> rootKey(String root) {
        String text = root.strip();
        boolean usable = ProjectSpelling.problem(text).isEmpty() && (ProjectSpelling.isFileUri(text)
                || text.startsWith("/") || ProjectSpelling.isDrivePath(text));
        Optional<ProjectKey> key = usable ? folderKey(text) : Optional.empty();
        if (key.isEmpty()) {
            LOG.debug("Skipping client root {}: not a file: URI or absolute folder path", EchoedText.quote(root));
        }
        return key;
    }

    /** Returns true when the store has registered the project: a memory, use, failure or promotion named it. */
    public boolean isKnown(ProjectKey key) {
        return store.findProject(key).isPresent();
    }

    /** Returns the root folder of a project key when the key is a folder. */
    public static Optional<String> rootOf(ProjectKey key) {
        return isPath(key.value()) ? Optional.of(key.value()) : Optional.empty();
    }

    /**
     * Resolves the project setting. SettingsLoader rejects an invalid one at start, so this fails
     * only for Settings built another way, as in tests. The message then names the setting.
     */
    private ProjectKey fromSetting(String setting) {
        try {
            return fromArgument(setting);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("project", "the default project from the project setting "
                    + e.problem());
        }
    }

    private ProjectKey fromArgument(String raw) {
        ProjectSpelling.problem(raw).ifPresent(problem -> {
            throw new InvalidInputException("project", EchoedText.quote(raw) + " " + problem);
        });
        String argument = raw.strip();
        if (isPath(argument)) {
            return folderKey(argument).orElseThrow(() -> new InvalidInputException("project",
                    EchoedText.quote(argument) + " is not a valid folder path; pass an absolute folder or a "
                            + "project name"));
        }
        return byName(argument);
    }

    private ProjectKey byName(String name) {
        List<ProjectInfo> matches = store.findProjectsByName(name);
        Optional<ProjectInfo> nameOnly = matches.stream().filter(project -> project.key().value().equals(name))
                .findFirst();
        if (nameOnly.isPresent()) {
            return nameOnly.get().key();
        }
        if (matches.size() > 1) {
            String folders = matches.stream().map(project -> project.key().value()).collect(Collectors.joining(", "));
            throw new InvalidInputException("project", EchoedText.quote(name) + " matches " + matches.size()
                    + " known projects (" + EchoedText.escape(folders) + "); pass the folder path of the one you mean");
        }
        return matches.size() == 1 ? matches.get(0).key() : new ProjectKey(name);
    }

    static boolean isPath(String text) {
        return ProjectSpelling.isPath(text);
    }

    static Optional<ProjectKey> folderKey(String text) {
        return FolderKeys.of(text);
    }
}
