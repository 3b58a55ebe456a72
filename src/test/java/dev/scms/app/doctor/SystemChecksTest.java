package dev.scms.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemChecksTest {

    @TempDir
    Path temp;

    @Test
    void javaSeventeenIsOk() {
        Check check = SystemChecks.java(Runtime.Version.parse("17.0.15+6"), "Debian", "/usr/lib/jvm/17");

        assertThat(check).isEqualTo(Check.ok("java", "Java 17.0.15+6 (Debian) at /usr/lib/jvm/17"));
    }

    @Test
    void javaElevenFails() {
        Check check = SystemChecks.java(Runtime.Version.parse("11.0.2"), "Oracle", "/jdk11");

        assertThat(check.status()).isEqualTo(Check.Status.FAIL);
        assertThat(check.message()).endsWith("SCMS needs Java 17 or newer");
    }

    @Test
    void existingFolderIsWritableWithSpace() {
        List<Check> checks = SystemChecks.dataFolder(temp);

        assertThat(checks).hasSize(2);
        assertThat(checks.get(0)).isEqualTo(Check.ok("data", "data folder " + temp + " exists and is writable"));
        assertThat(checks.get(1).message()).contains(" free on the disk of " + temp);
    }

    @Test
    void missingFolderIsCreatableAndNotCreated() {
        Path home = temp.resolve("a/b/scms");

        List<Check> checks = SystemChecks.dataFolder(home);

        assertThat(checks.get(0).status()).isEqualTo(Check.Status.OK);
        assertThat(checks.get(0).message()).contains("does not exist yet");
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void fileInPlaceOfFolderFails() throws Exception {
        Path file = Files.writeString(temp.resolve("scms"), "x");

        List<Check> checks = SystemChecks.dataFolder(file);

        assertThat(checks).singleElement().extracting(Check::status).isEqualTo(Check.Status.FAIL);
        assertThat(checks.get(0).message()).contains("is a file, not a folder");
    }

    @Test
    void bytesPrintInBinaryUnits() {
        assertThat(SystemChecks.formatBytes(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
        assertThat(SystemChecks.formatBytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
    }

    @Test
    void folderReadableByOthersWarnsAndKeepsMode() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX file system");
        Path home = Files.createDirectory(temp.resolve("scms"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<Check> checks = SystemChecks.dataFolder(home);

        assertThat(checks).hasSize(3);
        assertThat(checks.get(2)).isEqualTo(Check.warn("data", "data folder " + home + " has mode 755 (rwxr-xr-x), "
                + "so group or others can read it; run chmod go-rwx '" + home + "' to make it readable by its "
                + "owner only"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwxr-xr-x");
    }
}
