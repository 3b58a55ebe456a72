package dev.scms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path folder;

    @BeforeEach
    void requirePosix() {
        assumeTrue(OwnerOnlyFiles.isPosix(folder), "the file system of " + folder + " is not POSIX");
    }

    @Test
    void createFoldersMakesEachMissingFolderPrivate() throws Exception {
        Path logs = folder.resolve("home").resolve("logs");

        OwnerOnlyFiles.createFolders(logs);

        assertThat(mode(folder.resolve("home"))).isEqualTo("rwx------");
        assertThat(mode(logs)).isEqualTo("rwx------");
    }

    @Test
    void createFoldersKeepsModeOfExistingFolder() throws Exception {
        Path home = Files.createDirectory(folder.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnlyFiles.createFolders(home.resolve("logs"));

        assertThat(mode(home)).isEqualTo("rwxr-xr-x");
        assertThat(mode(home.resolve("logs"))).isEqualTo("rwx------");
    }

    @Test
    void createFileMakesEmptyPrivateFile() throws Exception {
        Path file = folder.resolve("scms.db");

        OwnerOnlyFiles.createFile(file);

        assertThat(file).isEmptyFile();
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void createFileKeepsExistingFile() throws Exception {
        Path file = Files.writeString(folder.resolve("scms.db"), "kept");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFiles.createFile(file);

        assertThat(file).hasContent("kept");
        assertThat(mode(file)).isEqualTo("rw-r--r--");
    }

    @Test
    void readableByOthersNamesModeAndFix() throws Exception {
        Path file = Files.createFile(folder.resolve("scms.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(OwnerOnlyFiles.readableByOthers(file, "database")).hasValue("database " + file
                + " has mode 644 (rw-r--r--), so group or others can read it; run chmod go-rwx '" + file
                + "' to make it readable by its owner only");
    }

    @Test
    void readableByOthersFindsGroupRead() throws Exception {
        Path home = Files.createDirectory(folder.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(OwnerOnlyFiles.readableByOthers(home, "data folder")).get().asString()
                .contains("has mode 750 (rwxr-x---)");
    }

    @Test
    void readableByOthersIgnoresPrivateAndMissingPaths() throws Exception {
        Path file = Files.createFile(folder.resolve("scms.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(OwnerOnlyFiles.readableByOthers(file, "database")).isEmpty();
        assertThat(OwnerOnlyFiles.readableByOthers(folder.resolve("missing.db"), "database")).isEmpty();
    }

    @Test
    void shellQuotedEscapesSingleQuotes() {
        assertThat(OwnerOnlyFiles.shellQuoted("/data/it's here")).isEqualTo("'/data/it'\\''s here'");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
