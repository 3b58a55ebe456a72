package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteResourcePathTest {

    private static final String KEY = "sqlite-jdbc=1.0\tos.name=Linux";
    private static final String FOLDER = LibraryLoaderUtil.getNativeLibResourcePath();

    @TempDir
    Path temp;

    private final AtomicInteger detections = new AtomicInteger();

    private SqliteResourcePath paths(String key, String detected) {
        return new SqliteResourcePath(temp.resolve(SqliteResourcePath.FILE_NAME), key, () -> {
            detections.incrementAndGet();
            return detected;
        });
    }

    @Test
    void firstResolveDetectsAndRemembers() throws Exception {
        SqliteResourcePath.Resolved resolved = paths(KEY, FOLDER).resolve();

        assertThat(resolved).isEqualTo(new SqliteResourcePath.Resolved(FOLDER, false));
        assertThat(detections).hasValue(1);
        assertThat(Files.readAllLines(temp.resolve(SqliteResourcePath.FILE_NAME))).containsExactly(KEY, FOLDER);
    }

    @Test
    void sameKeySkipsDetection() {
        paths(KEY, FOLDER).resolve();

        SqliteResourcePath.Resolved again = paths(KEY, "/other").resolve();

        assertThat(again).isEqualTo(new SqliteResourcePath.Resolved(FOLDER, true));
        assertThat(detections).hasValue(1);
    }

    @Test
    void otherKeyDetectsAgain() throws Exception {
        paths(KEY, FOLDER).resolve();

        SqliteResourcePath.Resolved other = paths("sqlite-jdbc=2.0\tos.name=Linux", "/org/sqlite/native/Linux-Musl/x86_64")
                .resolve();

        assertThat(other.remembered()).isFalse();
        assertThat(other.folder()).isEqualTo("/org/sqlite/native/Linux-Musl/x86_64");
        assertThat(detections).hasValue(2);
        assertThat(Files.readAllLines(temp.resolve(SqliteResourcePath.FILE_NAME)))
                .containsExactly("sqlite-jdbc=2.0\tos.name=Linux", "/org/sqlite/native/Linux-Musl/x86_64");
    }

    @Test
    void damagedFileDetectsAgain() throws Exception {
        for (String content : List.of("", KEY, KEY + "\n", KEY + "\nnot/absolute\n", KEY + "\n" + FOLDER + "\nextra\n")) {
            Files.writeString(temp.resolve(SqliteResourcePath.FILE_NAME), content);

            SqliteResourcePath.Resolved resolved = paths(KEY, FOLDER).resolve();

            assertThat(resolved.remembered()).as("content %s", content).isFalse();
        }
        assertThat(detections).hasValue(5);
    }

    @Test
    void unwritableFileStillDetects() throws Exception {
        Files.createDirectories(temp.resolve(SqliteResourcePath.FILE_NAME));

        SqliteResourcePath.Resolved resolved = paths(KEY, FOLDER).resolve();

        assertThat(resolved).isEqualTo(new SqliteResourcePath.Resolved(FOLDER, false));
        try (var entries = Files.list(temp)) {
            assertThat(entries).as("no partial files left").containsExactly(temp.resolve(SqliteResourcePath.FILE_NAME));
        }
    }

    @Test
    void hugeFileDetectsAgain() throws IOException {
        Path file = temp.resolve(SqliteResourcePath.FILE_NAME);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(1L << 30);
        }

        SqliteResourcePath.Resolved resolved = paths(KEY, FOLDER).resolve();

        assertThat(resolved).isEqualTo(new SqliteResourcePath.Resolved(FOLDER, false));
        assertThat(Files.readAllLines(file)).containsExactly(KEY, FOLDER);
    }

    @Test
    void fifoDetectsWithoutBlocking() throws Exception {
        Path file = temp.resolve(SqliteResourcePath.FILE_NAME);
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

        SqliteResourcePath.Resolved resolved = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> paths(KEY, FOLDER).resolve());

        assertThat(resolved.remembered()).isFalse();
        assertThat(Files.isRegularFile(file)).isTrue();
    }

    @Test
    void folderOfOtherArchitectureDetectsAgain() throws IOException {
        String arch = FOLDER.substring(FOLDER.lastIndexOf('/') + 1);
        String other = FOLDER.substring(0, FOLDER.lastIndexOf('/') + 1) + (arch.equals("x86") ? "x86_64" : "x86");
        Files.writeString(temp.resolve(SqliteResourcePath.FILE_NAME), KEY + "\n" + other + "\n");

        SqliteResourcePath.Resolved resolved = paths(KEY, FOLDER).resolve();

        assertThat(resolved).isEqualTo(new SqliteResourcePath.Resolved(FOLDER, false));
    }

    @Test
    void fitsOnlyFoldersOfThisPlatform() {
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Linux/x86_64", "Linux", "x86_64")).isTrue();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Linux-Musl/x86_64", "Linux", "x86_64")).isTrue();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Windows/x86_64", "Windows 11", "x86_64")).isTrue();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Mac/aarch64", "Mac OS X", "aarch64")).isTrue();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Linux/x86", "Linux", "x86_64")).isFalse();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/FreeBSD/x86_64", "Linux", "x86_64")).isFalse();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native/Linux/x86_64/extra", "Linux", "x86_64")).isFalse();
        assertThat(SqliteResourcePath.fits("/org/sqlite/native//x86_64", "Linux", "x86_64")).isFalse();
        assertThat(SqliteResourcePath.fits("/no/such/folder", "Linux", "x86_64")).isFalse();
    }

    @Test
    void forgetDeletesFile() {
        SqliteResourcePath paths = paths(KEY, FOLDER);
        paths.resolve();

        paths.forget();

        assertThat(temp.resolve(SqliteResourcePath.FILE_NAME)).doesNotExist();
    }

    @Test
    void currentKeyNamesVersionAndPlatform() {
        String key = SqliteResourcePath.currentKey();

        assertThat(key).startsWith("sqlite-jdbc=3.").contains("os.arch=" + System.getProperty("os.arch"))
                .contains("java.home=" + System.getProperty("java.home")).doesNotContain("\n");
    }

    @Test
    void installReplacesRememberedFolderWithoutLibrary() throws Exception {
        Path natives = temp.resolve("native");
        Path file = temp.resolve(SqliteResourcePath.FILE_NAME);
        Files.writeString(file, KEY + "\n/no/such/folder\n");
        String real = LibraryLoaderUtil.getNativeLibResourcePath();

        var failure = NativeLibraries.installSqlite(natives, new SqliteResourcePath(file, KEY, () -> real));

        assertThat(failure).isEmpty();
        assertThat(Files.readAllLines(file)).containsExactly(KEY, real);
    }

    @Test
    void installForgetsRememberedFolderThatFails() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("native"), "a file where the native folder should be");
        Path file = temp.resolve(SqliteResourcePath.FILE_NAME);
        String real = LibraryLoaderUtil.getNativeLibResourcePath();
        Files.writeString(file, KEY + "\n" + real + "\n");

        var failure = NativeLibraries.installSqlite(notAFolder, new SqliteResourcePath(file, KEY, () -> real));

        assertThat(failure).hasValueSatisfying(message -> assertThat(message).contains("native_dir"));
        assertThat(file).doesNotExist();
    }
}
