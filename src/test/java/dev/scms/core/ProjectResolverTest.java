package dev.scms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.model.ProjectKey;
import dev.scms.store.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectResolverTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path temp;

    private SqliteMemoryStore store;
    private ProjectResolver resolver;
    private Path folder;
    private Path elsewhere;
    private String folderKey;

    @BeforeEach
    void setUp() throws IOException {
        store = SqliteMemoryStore.open(temp.resolve("scms.db"), Clock.fixed(NOW, ZoneOffset.UTC));
        resolver = new ProjectResolver(store);
        folder = Files.createDirectories(temp.resolve("work").resolve("acme"));
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        folderKey = folder.toRealPath().toString();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ProjectKey resolve(String argument) {
        return resolver.resolve(Optional.of(argument), ProjectContext.of(elsewhere));
    }

    @Test
    void absoluteFolderGivesRealPath() {
        assertThat(resolve(folder.toString()).value()).isEqualTo(folderKey);
    }

    @Test
    void trailingSlashIgnored() {
        assertThat(resolve(folder + "/").value()).isEqualTo(folderKey);
    }

    @Test
    void dotSlashRelativeFolderResolved() {
        Path relative = Path.of("").toAbsolutePath().relativize(folder);

        assertThat(resolve("./" + relative).value()).isEqualTo(folderKey);
    }

    @Test
    void dotDotSegmentsResolved() {
        assertThat(resolve(folder + "/../acme").value()).isEqualTo(folderKey);
    }

    @Test
    void symlinkResolvedToTarget() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("link"), folder);

        assertThat(resolve(link.toString()).value()).isEqualTo(folderKey);
    }

    @Test
    void fileUriResolved() {
        assertThat(resolve(folder.toUri().toString()).value()).isEqualTo(folderKey);
    }

    @Test
    void missingFolderStillNormalised() {
        assertThat(resolve(folder + "/gone/./x/").value()).isEqualTo(folderKey + "/gone/x");
    }

    @Test
    void nameMapsToSingleKnownProject() {
        store.ensureProject(new ProjectKey(folderKey), Optional.of(folderKey), NOW);

        assertThat(resolve("acme").value()).isEqualTo(folderKey);
    }

    @Test
    void nameMatchIgnoresCase() {
        store.ensureProject(new ProjectKey(folderKey), Optional.of(folderKey), NOW);

        assertThat(resolve("ACME").value()).isEqualTo(folderKey);
    }

    @Test
    void ambiguousNameRejectedWithFolders() {
        store.ensureProject(new ProjectKey(folderKey), Optional.of(folderKey), NOW);
        store.ensureProject(new ProjectKey("/srv/other/acme"), Optional.of("/srv/other/acme"), NOW);

        assertThatThrownBy(() -> resolve("acme"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'acme' matches 2 known projects")
                .hasMessageContaining(folderKey)
                .hasMessageContaining("/srv/other/acme")
                .hasMessageContaining("pass the folder path");
        assertThat(store.findProject(new ProjectKey("acme"))).isEmpty();
    }

    @Test
    void nameOnlyProjectBeatsFolderNames() {
        store.ensureProject(new ProjectKey(folderKey), Optional.of(folderKey), NOW);
        store.ensureProject(new ProjectKey("/srv/other/acme"), Optional.of("/srv/other/acme"), NOW);
        store.ensureProject(new ProjectKey("acme"), Optional.empty(), NOW);

        assertThat(resolve("acme").value()).isEqualTo("acme");
    }

    @Test
    void controlCharactersRejected() {
        assertThatThrownBy(() -> resolve("\u0000evil"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'\\u0000evil' contains control");
        assertThatThrownBy(() -> resolve("shop\u001b[2J"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void longNameCutInMessage() {
        assertThatThrownBy(() -> resolve("x".repeat(100_000) + "\u0007"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("100001 characters"));
    }

    @Test
    void otherUsersHomeRejected() {
        assertThatThrownBy(() -> resolve("~bob/app"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'~bob/app' is not a valid folder path (only ~ and ~/");
    }

    @Test
    void tildeAloneIsHomeFolder() throws IOException {
        assertThat(resolve("~").value()).isEqualTo(Path.of(System.getProperty("user.home")).toRealPath().toString());
    }

    @Test
    void unknownNameStaysName() {
        assertThat(resolve("payments").value()).isEqualTo("payments");
    }

    @Test
    void ownerRepoIsName() {
        assertThat(resolve("spockframework/spock").value()).isEqualTo("spockframework/spock");
    }

    @Test
    void ownerRepoIsNotPath() {
        assertThat(ProjectResolver.isPath("owner/repo")).isFalse();
    }

    @Test
    void windowsDriveIsPath() {
        assertThat(ProjectResolver.isPath("C:\\work\\acme")).isTrue();
    }

    @Test
    void argumentBeatsRoots() {
        ProjectContext context = new ProjectContext(() -> List.of(folder.toUri().toString()), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.of("payments"), context).value()).isEqualTo("payments");
    }

    @Test
    void rootsBeatWorkingFolder() {
        ProjectContext context = new ProjectContext(() -> List.of(folder.toUri().toString()), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.empty(), context).value()).isEqualTo(folderKey);
    }

    @Test
    void blankArgumentFallsBackToRoots() {
        ProjectContext context = new ProjectContext(() -> List.of(folder.toString()), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.of("  "), context).value()).isEqualTo(folderKey);
    }

    @Test
    void workingFolderUsedWithoutRoots() throws IOException {
        ProjectKey key = resolver.resolve(Optional.empty(), ProjectContext.of(elsewhere));

        assertThat(key.value()).isEqualTo(elsewhere.toRealPath().toString());
    }

    @Test
    void invalidRootSkipped() {
        ProjectContext context = new ProjectContext(() -> List.of("file://server/share/acme", "/tmp/bad\u0000root",
                folder.toUri().toString()), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.empty(), context).value()).isEqualTo(folderKey);
    }

    @Test
    void nonFileRootsSkipped() {
        ProjectContext context = new ProjectContext(() -> List.of("https://example.invalid/x", "not a uri at all",
                "relative/folder", folder.toUri().toString()), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.empty(), context).value()).isEqualTo(folderKey);
    }

    @Test
    void onlyNonFileRootsFallBackToWorkingFolder() throws IOException {
        ProjectContext context = new ProjectContext(() -> List.of("https://example.invalid/x"), Optional.empty(),
                elsewhere);

        assertThat(resolver.resolve(Optional.empty(), context).value()).isEqualTo(elsewhere.toRealPath().toString());
    }

    @Test
    void resolvingStoresNoProject() {
        ProjectKey key = resolve("payments");

        assertThat(store.findProject(key)).isEmpty();
        assertThat(store.findProjectsByName("payments")).isEmpty();
    }

    @Test
    void onlyInvalidRootsFallBackToWorkingFolder() throws IOException {
        ProjectContext context = new ProjectContext(() -> List.of("/tmp/bad\u0000root"), Optional.empty(), elsewhere);

        assertThat(resolver.resolve(Optional.empty(), context).value()).isEqualTo(elsewhere.toRealPath().toString());
    }

    @Test
    void rootOfFolderKeyIsFolder() {
        assertThat(ProjectResolver.rootOf(new ProjectKey(folderKey))).contains(folderKey);
    }

    @Test
    void rootOfNameKeyIsEmpty() {
        assertThat(ProjectResolver.rootOf(new ProjectKey("owner/repo"))).isEmpty();
    }

    @Test
    void defaultProjectBeatsWorkingFolder(@TempDir Path temp) {
        ProjectContext context = new ProjectContext(List::of, Optional.of("payments"), temp);

        assertThat(resolver.resolve(Optional.empty(), context)).isEqualTo(new ProjectKey("payments"));
    }

    @Test
    void windowsDriveFormsGiveOneKey() {
        for (String form : List.of("C:\\x", "c:/x/", "C:/x", "c:\\x\\", "C:\\x\\.\\y\\..", "C:\\\\x",
                "file:///C:/x", "file:///c:/x/")) {
            assertThat(resolve(form).value()).as(form).isEqualTo("c:/x");
        }
    }

    @Test
    void windowsDriveNeverUnderWorkingFolder() {
        assertThat(resolve("D:\\code\\shop").value()).isEqualTo("d:/code/shop");
        assertThat(resolve("D:\\").value()).isEqualTo("d:");
    }

    @Test
    void wslMountIsItsOwnKey() {
        assertThat(resolve("/mnt/c/x").value()).isEqualTo("/mnt/c/x");
        assertThat(resolve("/mnt/c/x")).isNotEqualTo(resolve("C:\\x"));
    }

    @Test
    void percentEncodedFileUriDecoded() throws IOException {
        Path spaced = Files.createDirectories(temp.resolve("a b"));

        assertThat(resolve(spaced.toUri().toString()).value()).isEqualTo(spaced.toRealPath().toString());
        assertThat(spaced.toUri().toString()).contains("a%20b");
    }

    @Test
    void percentInPlainPathKeptLiterally() {
        assertThat(resolve(temp + "/a%20b").value()).endsWith("/a%20b");
    }

    @Test
    void invalidPercentEscapeNamesValue() {
        assertThatThrownBy(() -> resolve("file:///tmp/a%zz"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'file:///tmp/a%zz' is not a valid folder path");
    }

    @Test
    void unencodedSpaceInUriNamesValue() {
        assertThatThrownBy(() -> resolve("file:///tmp/a b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'file:///tmp/a b' is not a valid folder path");
    }

    @Test
    void nulInPathRejected() {
        assertThatThrownBy(() -> resolve(folder + "/\u0000x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("contains control");
    }

    @Test
    void veryLongPathsGiveKeys() {
        String longName = "/" + "a".repeat(300) + "/b";
        String deep = "/" + "x/".repeat(20_000) + "end";

        assertThat(resolve(longName).value()).isEqualTo(longName);
        assertThat(resolve(deep).value()).isEqualTo(deep);
    }

    @Test
    void letterCaseFollowsFileSystem() throws IOException {
        Path real = Files.createDirectories(temp.resolve("CaseProbe").resolve("Shop")).toRealPath();
        boolean ignoresCase = Files.exists(temp.resolve("caseprobe").resolve("shop"));

        ProjectKey typedLower = resolve(temp.resolve("caseprobe").resolve("shop").toString());

        if (ignoresCase) {
            assertThat(typedLower.value()).isEqualTo(real.toString().replace('\\', '/'));
        } else {
            assertThat(typedLower.value()).isNotEqualTo(real.toString());
            assertThat(typedLower.value()).endsWith("/caseprobe/shop");
        }
        assertThat(FolderKeys.ignoresCase(real)).isEqualTo(ignoresCase);
    }

    @Test
    void spellingOnDiskReplacesCase() throws IOException {
        Path real = Files.createDirectories(temp.resolve("Spelt").resolve("Shop")).toRealPath();
        Path typed = real.getParent().resolveSibling("SPELT").resolve("shop");

        assertThat(FolderKeys.spelledOnDisk(typed)).isEqualTo(real);
        assertThat(FolderKeys.spelledOnDisk(real)).isEqualTo(real);
    }

    @Test
    void driveKeyResolvesDotsAsText() {
        assertThat(FolderKeys.driveKey("C:\\a\\.\\b\\..\\c\\")).isEqualTo("c:/a/c");
        assertThat(FolderKeys.driveKey("c:/../..")).isEqualTo("c:");
    }

    @Test
    void uncPathKeyedAsText() {
        assertThat(resolve("\\\\server\\share\\x").value()).isEqualTo("//server/share/x");
        assertThat(resolve("\\\\server\\share\\x\\.\\y\\..\\").value()).isEqualTo("//server/share/x");
        assertThat(resolve("\\\\server\\share").value()).isEqualTo("//server/share");
    }

    @Test
    void uncPathNeverClimbsAboveShare() {
        assertThat(resolve("\\\\server\\share\\..\\..\\x").value()).isEqualTo("//server/share/x");
    }

    @Test
    void uncPathWithoutShareRejected() {
        assertThatThrownBy(() -> resolve("\\\\server"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a valid UNC path");
    }

    @Test
    void fileSchemeIgnoresLetterCase() {
        for (String form : List.of("FILE://" + folder, "File://" + folder, "fIlE:" + folder)) {
            assertThat(resolve(form).value()).as(form).isEqualTo(folderKey);
        }
        assertThat(ProjectResolver.isPath("FILE:///x")).isTrue();
    }

    @Test
    void fileLocalhostUriMeansLocalPath() {
        assertThat(resolve("file://localhost" + folder).value()).isEqualTo(folderKey);
        assertThat(resolve("FILE://LOCALHOST" + folder).value()).isEqualTo(folderKey);
    }

    @Test
    void fileUriOfOtherHostRejected() {
        assertThatThrownBy(() -> resolve("file://server/share/x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a valid folder path");
    }

    @Test
    void driveRelativeFormsRejected() {
        for (String form : List.of("C:", "C:x", "c:work\\shop", " D: ")) {
            assertThatThrownBy(() -> resolve(form)).as(form)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("drive-relative Windows path");
        }
    }

    @Test
    void edgeControlCharactersRejectedNotTrimmed() {
        for (String form : List.of("shop\n", "shop\t", "\tshop", "shop\r\n", "shop\u2028")) {
            assertThatThrownBy(() -> resolve(form)).as(form)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("contains control");
        }
    }

    @Test
    void surroundingSpacesTrimmed() {
        assertThat(resolve("  shop  ").value()).isEqualTo("shop");
    }

    @Test
    void invalidProjectSettingNamesSetting() {
        ProjectContext context = new ProjectContext(List::of, Optional.of("~nobody/x"), elsewhere);

        assertThatThrownBy(() -> resolver.resolve(Optional.empty(), context))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("project setting")
                .hasMessageContaining("'~nobody/x'");
    }
}
