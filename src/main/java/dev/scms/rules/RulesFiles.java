package dev.scms.rules;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Writes the rules of one project into the files that assistants load by themselves, changing
 * only what SCMS owns. That is a whole file that carries {@link #MANAGED}, or the text between
 * {@link #START} and {@link #END} in a file people edit too. Text outside those is kept byte for
 * byte. A write goes to a temporary file in the same folder that then replaces the target, so a
 * reader never sees half a file. Content equal to what is there already is not written again.
 *
 * <p>Every path stays inside the project folder: a target whose folder resolves elsewhere, through
 * a symbolic link for example, is rejected, and so is a target that is itself a symbolic link.
 */
public final class RulesFiles {

    /** The line that marks a whole file as written by SCMS. */
    public static final String MANAGED = "<!-- Managed by scms rules sync; edits here are replaced by the next sync. -->";
    /** The line that opens the section SCMS owns in a shared file. */
    public static final String START = "<!-- scms:rules:start -->";
    /** The line that closes that section. */
    public static final String END = "<!-- scms:rules:end -->";

    /** The change a sync made to one file. */
    public enum Change { CREATED, UPDATED, UNCHANGED }

    /** The result of syncing one target. {@code characters} counts the code points of the whole file. */
    public record Outcome(RuleTarget target, Path file, Change change, int characters) {

        /**
         * Returns a warning when the file has more characters than its assistant accepts in a rule
         * file. Only Windsurf states such a limit. The file is still written in full.
         */
        public Optional<String> limitWarning() {
            OptionalInt max = target.maxCharacters();
            if (max.isEmpty() || characters <= max.getAsInt()) {
                return Optional.empty();
            }
            return Optional.of(file + " has " + characters + " characters, more than the " + max.getAsInt()
                    + " Windsurf accepts in a rule file, so it may miss rules. Archive rules that no longer apply, "
                    + "or sync with --target claude,cursor,agents, because Windsurf also reads AGENTS.md.");
        }
    }

    /** A rule to write: its id in SCMS, its title and its text. */
    public record Rule(long id, String title, String body) {

        public Rule {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(body, "body");
        }
    }

    private final Path project;

    private RulesFiles(Path project) {
        this.project = project;
    }

    /**
     * Returns a writer for the project folder.
     *
     * @throws RulesFileException if the folder does not exist or is not a folder
     */
    public static RulesFiles in(Path projectFolder) throws IOException {
        Path real;
        try {
            real = projectFolder.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RulesFileException("project folder " + projectFolder + " does not exist; give the project's "
                    + "root folder");
        }
        if (!Files.isDirectory(real)) {
            throw new RulesFileException("project folder " + projectFolder + " is not a folder; give the project's "
                    + "root folder");
        }
        return new RulesFiles(real);
    }

    public Path project() {
        return project;
    }

    /**
     * Writes the rules into the target's file and returns what changed.
     *
     * @throws RulesFileException if the file belongs to someone else, its markers are broken, or its
     *         path leaves the project folder. The file is then left as it was.
     * @throws IOException if reading or writing fails
     */
    public Outcome sync(RuleTarget target, List<Rule> rules) throws IOException {
        Path file = checkedPath(target);
        String rendered = RulesMarkdown.render(rules);
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        String current = exists ? read(file) : null;
        String next = target.section() ? withSection(file, current, rendered) : wholeFile(file, target, current, rendered);
        int characters = next.codePointCount(0, next.length());
        if (exists && next.equals(current)) {
            return new Outcome(target, file, Change.UNCHANGED, characters);
        }
        Files.createDirectories(file.getParent());
        checkedPath(target);
        writeAtomically(file, next);
        return new Outcome(target, file, exists ? Change.UPDATED : Change.CREATED, characters);
    }

    /**
     * Returns true when the target's file exists and contains SCMS's marker line, that is, when an
     * earlier sync wrote it. A sync without rules updates only such files.
     */
    public boolean writtenBefore(RuleTarget target) throws IOException {
        Path file = checkedPath(target);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && read(file).contains(MANAGED);
    }

    private Path checkedPath(RuleTarget target) throws IOException {
        Path file = project.resolve(target.relativePath()).normalize();
        if (!file.startsWith(project)) {
            throw new RulesFileException(file + " lies outside the project folder " + project);
        }
        // Every folder that exists on the way must resolve inside the project, so no link leads out.
        for (Path folder = file.getParent(); folder != null && folder.startsWith(project); folder = folder.getParent()) {
            if (Files.exists(folder) && !folder.toRealPath().startsWith(project)) {
                throw new RulesFileException(folder + " resolves to " + folder.toRealPath()
                        + ", outside the project folder " + project + "; remove the link or sync another folder");
            }
        }
        if (Files.isSymbolicLink(file)) {
            throw new RulesFileException(file + " is a symbolic link; rules sync writes only regular files, so "
                    + "replace the link with a file or remove it");
        }
        return file;
    }

    private static String wholeFile(Path file, RuleTarget target, String current, String rendered)
            throws RulesFileException {
        if (current != null && !current.contains(MANAGED)) {
            throw new RulesFileException(file + " exists and was not written by scms rules sync; move it away or "
                    + "delete it, then sync again");
        }
        return target.frontMatter() + MANAGED + "\n\n" + rendered;
    }

    private static String withSection(Path file, String current, String rendered) throws RulesFileException {
        String section = START + "\n" + MANAGED + "\n\n" + rendered + END + "\n";
        if (current == null) {
            return section;
        }
        int start = current.indexOf(START);
        int end = current.indexOf(END);
        boolean repeated = start >= 0 && current.indexOf(START, start + 1) >= 0
                || end >= 0 && current.indexOf(END, end + 1) >= 0;
        if (start < 0 && end < 0) {
            String separator = current.isEmpty() ? "" : current.endsWith("\n\n") ? "" : current.endsWith("\n") ? "\n"
                    : "\n\n";
            return current + separator + section;
        }
        if (start < 0 || end < start || repeated) {
            throw new RulesFileException(file + " has broken SCMS markers: it needs exactly one line " + START
                    + " followed by one line " + END + "; fix or remove them, then sync again");
        }
        int afterEnd = end + END.length();
        if (current.startsWith("\r\n", afterEnd)) {
            afterEnd += 2;
        } else if (current.startsWith("\n", afterEnd)) {
            afterEnd += 1;
        }
        return current.substring(0, start) + section + current.substring(afterEnd);
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RulesFileException(file + " is not valid UTF-8, so rules sync leaves it alone; save it as "
                    + "UTF-8, then sync again");
        }
    }

    /**
     * Writes through a temporary file in the same folder. The temporary file is created without
     * explicit permissions, so it gets the mode of any new file under the user's umask. When the
     * target exists, its POSIX permissions are copied first, so a replaced file keeps its mode.
     */
    private static void writeAtomically(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path temporary = createTemporary(file);
        try {
            Files.write(temporary, bytes);
            copyPermissions(file, temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // Nothing is left after a successful move; after a failed one the temporary file goes.
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Creates an empty file next to {@code file}. {@code Files.createTempFile} would make it
     * owner-only (0600) on POSIX, which the moved file would keep.
     */
    private static Path createTemporary(Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toUnsignedString(System.nanoTime() + attempt, 36) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)
                || !from.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(to, permissions);
    }
}
