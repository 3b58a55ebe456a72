package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scms.config.SettingsLayer.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFilesTest {

    @TempDir
    Path temp;

    private Path configFolder;
    private Path userFile;
    private Path project;
    private Path projectFile;

    @BeforeEach
    void createFolders() throws Exception {
        configFolder = Files.createDirectories(temp.resolve("config/scms"));
        userFile = configFolder.resolve("config.toml");
        project = Files.createDirectories(temp.resolve("shop"));
        projectFile = project.resolve(".scms.toml");
    }

    private SettingsFiles.Stack stack(Map<String, String> environment, Map<String, String> flags) {
        return stack(environment, flags, Optional.empty(), Optional.empty());
    }

    private SettingsFiles.Stack stack(Map<String, String> environment, Map<String, String> flags,
            Optional<Path> configFile, Optional<Path> projectFolder) {
        return SettingsFiles.stack(new SettingsFiles.Request(environment, flags, configFile, configFolder,
                projectFolder, project));
    }

    private static SettingsLoader loader(SettingsFiles.Stack stack) {
        return stack.loader("ada", Path.of("/data/scms"));
    }

    @Test
    void laterSourcesOverrideEarlier() throws Exception {
        Files.writeString(userFile, "k = 2\nmax_tokens = 500\nmin_relevance = 0.4\nhalf_life_days = 7\n");
        Files.writeString(projectFile, "k = 3\nmax_tokens = 600\nmin_relevance = 0.45\n");
        Map<String, String> environment = Map.of("SCMS_K", "4", "SCMS_MAX_TOKENS", "700");
        Map<String, String> flags = Map.of("k", "5");

        SettingsLoader loader = loader(stack(environment, flags));
        Settings settings = loader.load();

        assertThat(settings.defaultK()).isEqualTo(5);
        assertThat(settings.maxTokens()).isEqualTo(700);
        assertThat(settings.minRelevance()).isEqualTo(0.45);
        assertThat(settings.halfLifeDays()).isEqualTo(7.0);
        assertThat(settings.lexicalWeight()).isEqualTo(0.2);
        Map<SettingKey, String> sources = loader.sources();
        assertThat(sources.get(SettingKey.K)).isEqualTo("command line --set k");
        assertThat(sources.get(SettingKey.MAX_TOKENS)).isEqualTo("environment SCMS_MAX_TOKENS");
        assertThat(sources.get(SettingKey.MIN_RELEVANCE)).isEqualTo("project settings file " + projectFile);
        assertThat(sources.get(SettingKey.HALF_LIFE_DAYS)).isEqualTo("settings file " + userFile);
        assertThat(sources.get(SettingKey.LEXICAL_WEIGHT)).isEqualTo("default");
    }

    @Test
    void valuesCarryTextAndSource() throws Exception {
        Files.writeString(userFile, "preset = \"semantic\"\n");

        Map<SettingKey, SettingValue> values = loader(stack(Map.of(), Map.of())).values();

        assertThat(values.get(SettingKey.PRESET)).isEqualTo(new SettingValue("semantic", "settings file " + userFile));
        assertThat(values.get(SettingKey.K)).isEqualTo(new SettingValue("5", "default"));
    }

    @Test
    void rangeErrorNamesFileAsSource() throws Exception {
        Files.writeString(projectFile, "k = 99\n");

        assertThatThrownBy(() -> loader(stack(Map.of(), Map.of())).load())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting k (project settings file " + projectFile + "): '99' must lie between 1 "
                        + "and 20");
    }

    @Test
    void userFileSetsHomeRelativeToItsFolder() throws Exception {
        Files.writeString(userFile, "home = \"data\"\n");

        Settings settings = loader(stack(Map.of(), Map.of())).load();

        assertThat(settings.home()).isEqualTo(configFolder.resolve("data"));
        assertThat(settings.database()).isEqualTo(configFolder.resolve("data/scms.db"));
    }

    @Test
    void candidatesListBothFilesFoundOrNot() throws Exception {
        Files.writeString(projectFile, "k = 3\n");

        SettingsFiles.Stack stack = stack(Map.of(), Map.of());

        assertThat(stack.candidates()).containsExactly(
                new SettingsFiles.Candidate(Origin.USER_FILE, userFile, false, "platform config folder"),
                new SettingsFiles.Candidate(Origin.PROJECT_FILE, projectFile, true, "project folder " + project));
        assertThat(stack.layers()).extracting(SettingsLayer::origin)
                .containsExactly(Origin.PROJECT_FILE, Origin.ENVIRONMENT, Origin.COMMAND_LINE);
    }

    @Test
    void configFlagBeatsVariableAndDefault() throws Exception {
        Path flagged = Files.writeString(temp.resolve("flagged.toml"), "k = 8\n");
        Path variable = Files.writeString(temp.resolve("variable.toml"), "k = 9\n");
        Files.writeString(userFile, "k = 10\n");

        Settings byFlag = loader(stack(Map.of("SCMS_CONFIG", variable.toString()), Map.of(), Optional.of(flagged),
                Optional.empty())).load();
        SettingsFiles.Stack byVariable = stack(Map.of("SCMS_CONFIG", variable.toString()), Map.of());

        assertThat(byFlag.defaultK()).isEqualTo(8);
        assertThat(loader(byVariable).load().defaultK()).isEqualTo(9);
        assertThat(byVariable.candidates().get(0).named()).isTrue();
        assertThat(byVariable.candidates().get(0).how()).isEqualTo("SCMS_CONFIG");
    }

    @Test
    void namedConfigFileMustExist() {
        Path missing = temp.resolve("nope.toml");

        assertThatThrownBy(() -> stack(Map.of("SCMS_CONFIG", missing.toString()), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("settings file " + missing + " not found");
    }

    @Test
    void projectOptionChoosesProjectFile() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve(".scms.toml"), "k = 11\n");
        Files.writeString(projectFile, "k = 3\n");

        Settings settings = loader(stack(Map.of(), Map.of(), Optional.empty(), Optional.of(other))).load();

        assertThat(settings.defaultK()).isEqualTo(11);
    }

    @Test
    void projectSettingFolderChoosesProjectFile() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other"));
        Files.writeString(other.resolve(".scms.toml"), "k = 12\n");
        Files.writeString(projectFile, "k = 3\n");

        Settings settings = loader(stack(Map.of("SCMS_PROJECT", other.toString()), Map.of())).load();

        assertThat(settings.defaultK()).isEqualTo(12);
    }

    @Test
    void projectNameKeepsWorkingFolder() throws Exception {
        Files.createDirectories(project.resolve("billing"));
        Files.writeString(project.resolve("billing/.scms.toml"), "k = 13\n");
        Files.writeString(projectFile, "k = 3\n");

        Settings settings = loader(stack(Map.of("SCMS_PROJECT", "billing"), Map.of())).load();

        assertThat(settings.defaultK()).isEqualTo(3);
    }

    @Test
    void unknownFlagSuggestsKey() {
        assertThatThrownBy(() -> stack(Map.of(), Map.of("mdel", "full")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("unknown setting 'mdel' in --set; did you mean 'model'?");
    }

    @Test
    void projectFileCannotRedirectData() throws Exception {
        Files.writeString(projectFile, "db = \"/tmp/elsewhere.db\"\n");

        assertThatThrownBy(() -> stack(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("setting db is not allowed in project settings file " + projectFile);
    }

    @Test
    void projectFileFolderIsError() throws Exception {
        Files.createDirectory(projectFile);

        assertThatThrownBy(() -> stack(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("project settings file " + projectFile + " is a folder; remove it or replace it with a "
                        + "TOML file");
    }

    @Test
    void projectFileLinkToDeviceIsError() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        Files.createSymbolicLink(projectFile, Path.of("/dev/zero"));

        assertThatThrownBy(() -> stack(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void userFileBrokenLinkIsError() throws Exception {
        Files.createSymbolicLink(userFile, temp.resolve("gone.toml"));

        assertThatThrownBy(() -> stack(Map.of(), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("settings file " + userFile + " is a link to a file that does not exist");
    }

    @Test
    void relativeProjectInUserFileStartsAtItsFolder() throws Exception {
        Path proj = Files.createDirectories(configFolder.resolve("proj"));
        Files.writeString(proj.resolve(".scms.toml"), "k = 14\n");
        Files.writeString(userFile, "project = \"./proj\"\n");

        SettingsFiles.Stack stack = stack(Map.of(), Map.of());
        Settings settings = loader(stack).load();

        assertThat(settings.project()).contains(proj.toString());
        assertThat(settings.defaultK()).isEqualTo(14);
    }

    @Test
    void configVariableExpandsTilde() {
        assertThatThrownBy(() -> stack(Map.of("SCMS_CONFIG", "~/scms-test-missing/config.toml"), Map.of()))
                .hasMessageContaining("settings file " + Path.of(System.getProperty("user.home"),
                        "scms-test-missing", "config.toml") + " not found");
    }

    @Test
    void misspeltVariableWarnsWithSuggestion() {
        SettingsFiles.Stack stack = stack(Map.of("SCMS_MIN_RELEVENCE", "0.9"), Map.of());

        assertThat(stack.warnings()).containsExactly("environment variable 'SCMS_MIN_RELEVENCE' is not a setting "
                + "and is ignored; did you mean SCMS_MIN_RELEVANCE?");
    }

    @Test
    void unrelatedVariableWarnsWithoutSuggestion() {
        SettingsFiles.Stack stack = stack(Map.of("SCMS_ZZZ", "1"), Map.of());

        assertThat(stack.warnings()).singleElement().asString().contains("'SCMS_ZZZ' is not a setting")
                .contains("README");
    }

    @Test
    void knownVariablesDoNotWarn() throws Exception {
        Path config = Files.writeString(temp.resolve("named.toml"), "k = 4\n");
        Map<String, String> environment = Map.of("SCMS_CONFIG", config.toString(), "SCMS_JAVA_OPTS", "-Xmx1g",
                "SCMS_INSPECTOR_DIR", "/tmp/inspector", "SCMS_K", "6", "SCMS_HOME", "/tmp/h", "PATH", "/bin",
                "XSCMS_K", "1");

        assertThat(stack(environment, Map.of()).warnings()).isEmpty();
    }
}
