package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    @TempDir
    Path temp;

    @Test
    void copyIntoReusesFileOfSameSize() throws Exception {
        NativeFile file = NativeFile.bundled(NativeLibrariesTest.class, "/logback-test.xml").orElseThrow();
        Path copy = file.copyInto(temp.resolve("lib"));
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(copy, old);

        Path again = file.copyInto(temp.resolve("lib"));

        assertThat(again).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(again)).isEqualTo(old);
        try (var entries = Files.list(temp.resolve("lib"))) {
            assertThat(entries).as("no partial copies left").containsExactly(copy);
        }
    }

    @Test
    void copyIntoReplacesFileOfOtherSize() throws Exception {
        NativeFile file = NativeFile.bundled(NativeLibrariesTest.class, "/logback-test.xml").orElseThrow();
        Path folder = Files.createDirectories(temp.resolve("lib"));
        Files.writeString(folder.resolve("logback-test.xml"), "truncated");

        Path copy = file.copyInto(folder);

        assertThat(Files.size(copy)).isGreaterThan("truncated".length());
        assertThat(Files.isExecutable(copy)).isTrue();
    }

    @Test
    void fingerprintIsStable() throws Exception {
        NativeFile file = NativeFile.bundled(NativeLibrariesTest.class, "/logback-test.xml").orElseThrow();

        assertThat(file.fingerprint()).isEqualTo(file.fingerprint()).isNotEmpty();
    }

    @Test
    void missingResourceIsNotBundled() {
        assertThat(NativeFile.bundled(NativeLibrariesTest.class, "/no/such/libnothing.so")).isEmpty();
    }

    @Test
    void failureNamesFolderAndSetting() {
        String message = NativeLibraries.failure("SQLite", Path.of("/data/native"), "permission denied");

        assertThat(message).contains("/data/native").contains("permission denied").contains("native_dir")
                .contains("SCMS_NATIVE_DIR").doesNotContain("\n");
    }

    @Test
    void reasonDropsRepeatedLibraryPath() {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError(
                "/n/libx.so: /n/libx.so: failed to map segment from shared object");

        assertThat(NativeLibraries.reason(error)).isEqualTo("/n/libx.so: failed to map segment from shared object");
    }

    @Test
    void reasonNamesDeniedPath() {
        assertThat(NativeLibraries.reason(new AccessDeniedException("/n/sqlite")))
                .isEqualTo("/n/sqlite: permission denied");
    }

    @Test
    void onnxPlatformOfThisMachineIsKnown() {
        assertThat(NativeLibraries.onnxPlatform()).isPresent();
    }
}
