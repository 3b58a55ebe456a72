package dev.scms.app;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text file that is replaced in full or not at all. The content goes to a temporary file in
 * the target's folder; {@link #commit} forces it to disk and renames it over the target, so a
 * reader sees either the old file or the new one. {@link #close} without a commit deletes the
 * temporary file, and a shutdown hook does the same when a signal such as Ctrl-C ends the
 * process; only SIGKILL or a power loss can leave it behind. An existing target keeps its POSIX
 * permissions; a new one gets mode 0600 on POSIX, because an export contains the same memories as
 * the owner-only database. A symbolic link
 * as target is followed, so the link stays and the file it points to is replaced.
 */
final class ReplacingFile implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplacingFile.class);
    private static final int NAME_ATTEMPTS = 100;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final Writer writer;
    private final Thread cleanup;
    private boolean committed;

    private ReplacingFile(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8));
        this.cleanup = new Thread(this::deleteTemporary, "scms-replacing-file-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates the temporary file beside {@code file}; nothing changes at {@code file} until {@link #commit}. */
    static ReplacingFile open(Path file) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        // A rename would replace an empty folder, so a folder is rejected before anything is written.
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(file + " is a folder; name a file to export to");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new IllegalArgumentException("file " + file + " is read-only; make it writable or export to "
                    + "another file");
        }
        Path temporary = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            temporary = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                channel = createTemporary(temporary);
            } catch (FileAlreadyExistsException e) {
                if (attempt == NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
        try {
            copyPermissions(target, temporary);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
        return new ReplacingFile(target, temporary, channel);
    }

    Writer writer() {
        return writer;
    }

    /** Forces the written content to disk and renames the temporary file over the target. */
    void commit() throws IOException {
        writer.flush();
        channel.force(true);
        writer.close();
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        forceFolder(target.getParent());
    }

    /** Deletes the temporary file unless {@link #commit} renamed it; the target then stays as it was. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, so the hook deletes the temporary file.
            LOG.debug("Shutdown in progress; the hook deletes {}", temporary);
        }
        if (committed) {
            return;
        }
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void deleteTemporary() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.warn("Deleting the temporary file {} failed: {}", temporary, e.toString());
        }
    }

    /** Creates {@code temporary} with mode 0600 on POSIX, so that no other user can read it while it is written. */
    private static FileChannel createTemporary(Path temporary) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(temporary, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return FileChannel.open(temporary, options);
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view != null && Files.exists(from)) {
            view.setPermissions(Files.getPosixFilePermissions(from));
        }
    }

    /**
     * Forces the folder entry of the rename to disk. Only some systems can open a folder for
     * this (Linux and macOS can, Windows cannot); where it fails, the rename is still done.
     */
    private static void forceFolder(Path folder) {
        try (FileChannel entries = FileChannel.open(folder, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException e) {
            LOG.debug("Forcing the folder {} to disk failed: {}", folder, e.toString());
        }
    }
}
