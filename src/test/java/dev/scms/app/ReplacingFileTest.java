package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replaced file changes in one rename on commit and not at all otherwise. */
class ReplacingFileTest {

    @TempDir
    Path temp;

    private Path backup() throws IOException {
        return Files.writeString(temp.resolve("backup.jsonl"), "old backup\n");
    }

    private long filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.count();
        }
    }

    @Test
    void commitReplacesContent() throws IOException {
        Path target = backup();

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.writer().write("new backup\n");
            file.commit();
        }

        assertThat(target).hasContent("new backup");
        assertThat(filesInFolder()).isEqualTo(1);
    }

    @Test
    void oldFileStaysUntilCommit() throws IOException {
        Path target = backup();

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.writer().write("half of a new backup");
            file.writer().flush();

            assertThat(target).hasContent("old backup");
        }
    }

    @Test
    void failureKeepsOldFileAndRemovesTemporary() throws IOException {
        Path target = backup();

        assertThatThrownBy(() -> {
            try (ReplacingFile file = ReplacingFile.open(target)) {
                file.writer().write("partial");
                throw new IllegalStateException("database error halfway");
            }
        }).hasMessage("database error halfway");

        assertThat(target).hasContent("old backup");
        assertThat(filesInFolder()).isEqualTo(1);
    }

    @Test
    void newFileCreated() throws IOException {
        Path target = temp.resolve("new.md");

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.writer().write("ünïcödé\n");
            file.commit();
        }

        assertThat(target).hasContent("ünïcödé");
    }

    @Test
    void existingPermissionsKept() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = backup();
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.writer().write("new");
            file.commit();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    }

    @Test
    void newFileOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = temp.resolve("new.jsonl");

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.commit();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void existingReadableFileKeepsMode() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = backup();
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        try (ReplacingFile file = ReplacingFile.open(target)) {
            file.commit();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void symbolicLinkFollowed() throws IOException {
        Path target = backup();
        Path link;
        try {
            link = Files.createSymbolicLink(temp.resolve("latest.jsonl"), target.getFileName());
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
            return;
        }

        try (ReplacingFile file = ReplacingFile.open(link)) {
            file.writer().write("through the link");
            file.commit();
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("through the link");
    }

    @Test
    void folderRejected() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("empty"));

        assertThatThrownBy(() -> ReplacingFile.open(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a folder");
        assertThat(folder).isDirectory();
    }
}
