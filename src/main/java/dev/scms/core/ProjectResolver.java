package dev.scms.core;

import dev.scms.model.ProjectKey;
import dev.scms.store.MemoryStore;
import dev.scms.store.ProjectInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a project argument, the client's roots or the working folder into one project key.
 *
 * <p>A folder is normalised (home expanded, {@code file:} URIs decoded, symbolic links and
 * {@code .}/{@code ..} resolved, forward slashes, no trailing slash), so that different
 * spellings of one folder give one key. Anything that is not a path is a project name: a
 * name that matches exactly one known project's display name maps to that project.
 */
public final class ProjectResolver {

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

    private final MemoryStore store;

    public ProjectResolver(MemoryStore store) {
        this.store = store;
    }

    /**
     * Resolves the project of a request: the argument, else the first client root, else the
     * configured default project, else the working folder.
     */
    public ProjectKey resolve(Optional<String> argument, ProjectContext context) {
        if (argument.isPresent() && !argument.get().isBlank()) {
            return fromArgument(argument.get().strip());
        }
        List<String> roots = context.roots().get();
        for (String root : roots) {
            Optional<ProjectKey> key = folderKey(root);
            if (key.isPresent()) {
                return key.get();
            }
        }
        if (context.defaultProject().isPresent() && !context.defaultProject().get().isBlank()) {
            return fromArgument(context.defaultProject().get().strip());
        }
        return folderKey(context.workingFolder().toString())
                .orElseThrow(() -> new InvalidInputException("project", "the working folder " + context
                        .workingFolder() + " is not a usable path; pass a project name or folder"));
    }

    /** Returns true when the store has seen the project: a memory, use or retrieval named it. */
    public boolean isKnown(ProjectKey key) {
        return store.findProject(key).isPresent();
    }

    /** Returns the root folder of a project key when the key is a folder. */
    public static Optional<String> rootOf(ProjectKey key) {
        return isPath(key.value()) ? Optional.of(key.value()) : Optional.empty();
    }

    private ProjectKey fromArgument(String argument) {
        if (isPath(argument)) {
            return folderKey(argument).orElseThrow(() -> new InvalidInputException("project",
                    "'" + argument + "' is not a valid folder path; pass an absolute folder or a project name"));
        }
        List<ProjectInfo> matches = store.findProjectsByName(argument);
        return matches.size() == 1 ? matches.get(0).key() : new ProjectKey(argument);
    }

    static boolean isPath(String text) {
        return text.startsWith("/") || text.startsWith("~") || text.startsWith("\\\\") || text.startsWith("file:")
                || text.equals(".") || text.equals("..") || text.startsWith("./") || text.startsWith("../")
                || text.startsWith(".\\") || text.startsWith("..\\") || WINDOWS_DRIVE.matcher(text).matches();
    }

    static Optional<ProjectKey> folderKey(String text) {
        try {
            Path path = toPath(text.strip());
            Path normalised = path.toAbsolutePath().normalize();
            if (Files.exists(normalised)) {
                normalised = normalised.toRealPath();
            }
            String key = normalised.toString().replace('\\', '/');
            if (key.length() > 1 && key.endsWith("/")) {
                key = key.substring(0, key.length() - 1);
            }
            if (key.length() >= 2 && key.charAt(1) == ':') {
                key = Character.toLowerCase(key.charAt(0)) + key.substring(1);
            }
            return Optional.of(new ProjectKey(key));
        } catch (IllegalArgumentException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Path toPath(String text) {
        if (text.startsWith("file:")) {
            return Path.of(URI.create(text));
        }
        if (text.equals("~") || text.startsWith("~/") || text.startsWith("~\\")) {
            return Path.of(System.getProperty("user.home") + text.substring(1));
        }
        return Path.of(text);
    }
}
