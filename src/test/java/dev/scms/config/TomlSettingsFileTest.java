package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scms.config.SettingsLayer.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlSettingsFileTest {

    @TempDir
    Path temp;

    private SettingsLayer read(String toml, Origin origin) throws Exception {
        Path file = temp.resolve(origin == Origin.PROJECT_FILE ? ".scms.toml" : "config.toml");
        Files.writeString(file, toml);
        return TomlSettingsFile.read(file, origin);
    }

    @Test
    void readsEveryTomlType() throws Exception {
        SettingsLayer layer = read("""
                # comment
                k = 7
                min_relevance = 0.35
                half_life_days = 30
                auto_promote = true
                preset = "semantic"
                """, Origin.USER_FILE);

        assertThat(layer.values()).containsOnly(Map.entry(SettingKey.K, "7"),
                Map.entry(SettingKey.MIN_RELEVANCE, "0.35"), Map.entry(SettingKey.HALF_LIFE_DAYS, "30"),
                Map.entry(SettingKey.AUTO_PROMOTE, "true"), Map.entry(SettingKey.PRESET, "semantic"));
        assertThat(layer.origin()).isEqualTo(Origin.USER_FILE);
        assertThat(layer.file()).contains(temp.resolve("config.toml"));
    }

    @Test
    void domainStabilityTableBecomesPairs() throws Exception {
        SettingsLayer layer = read("""
                [domain_stability]
                react = "high-churn"
                postgres = "stable"
                """, Origin.PROJECT_FILE);

        assertThat(layer.value(SettingKey.DOMAIN_STABILITY)).contains("react=high-churn,postgres=stable");
    }

    @Test
    void domainStabilityAlsoTakesText() throws Exception {
        SettingsLayer layer = read("domain_stability = \"react=high-churn\"\n", Origin.USER_FILE);

        assertThat(layer.value(SettingKey.DOMAIN_STABILITY)).contains("react=high-churn");
    }

    @Test
    void relativePathStartsAtFileFolder() throws Exception {
        SettingsLayer layer = read("home = \"data\"\ndb = \"/var/scms/x.db\"\n", Origin.USER_FILE);

        assertThat(layer.value(SettingKey.HOME)).contains(temp.resolve("data").toString());
        assertThat(layer.value(SettingKey.DB)).contains(Path.of("/var/scms/x.db").toString());
    }

    @Test
    void homeRelativePathIsLeftForLoader() throws Exception {
        SettingsLayer layer = read("home = \"~/scms\"\n", Origin.USER_FILE);

        assertThat(layer.value(SettingKey.HOME)).contains("~/scms");
    }

    @Test
    void unknownKeySuggestsClosest() {
        assertThatThrownBy(() -> read("min_relevence = 0.3\n", Origin.USER_FILE))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("unknown setting 'min_relevence' in settings file " + temp.resolve("config.toml"))
                .hasMessageContaining("did you mean 'min_relevance'?");
    }

    @Test
    void unknownKeyFarFromAnyListsKeys() {
        assertThatThrownBy(() -> read("[router]\nk = 1\n", Origin.USER_FILE))
                .hasMessageContaining("unknown setting 'router'")
                .hasMessageContaining("known settings: home, db, model");
    }

    @Test
    void keysAreExactSnakeCase() {
        assertThatThrownBy(() -> read("min-relevance = 0.3\n", Origin.USER_FILE))
                .hasMessageContaining("did you mean 'min_relevance'?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "k = \"five\"             | text 'five' must be a whole number without quotes, e.g. k = 5",
        "k = 1.5                  | the decimal number 1.5 must be a whole number, e.g. k = 5",
        "min_relevance = \"0.3\"  | text '0.3' must be a number without quotes, e.g. min_relevance = 0.3",
        "auto_promote = \"yes\"   | text 'yes' must be true or false without quotes",
        "preset = 3               | the value 3 must be text in quotes, e.g. preset = \"relevance-first\"",
        "k = [1, 2]               | an array must be a whole number",
        "[k]                      | a table must be a whole number",
    })
    void wrongTypeNamesKeyFileAndValue(String toml, String problem) {
        assertThatThrownBy(() -> read(toml.replace("[k]", "[k]\nx = 1") + "\n", Origin.USER_FILE))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting ")
                .hasMessageContaining("(settings file " + temp.resolve("config.toml") + ")")
                .hasMessageContaining(problem);
    }

    @Test
    void domainTableNeedsTextValues() {
        assertThatThrownBy(() -> read("[domain_stability]\nreact = 1\n", Origin.PROJECT_FILE))
                .hasMessageContaining("invalid setting domain_stability (project settings file")
                .hasMessageContaining("domain 'react' must be a name without ',' or '=' set to text in quotes");
    }

    @ParameterizedTest
    @CsvSource({"home, '\"/tmp/x\"'", "db, '\"/tmp/x.db\"'", "user, '\"mallory\"'", "project, '\"other\"'",
        "model, '\"full\"'", "model_threads, 8", "busy_timeout_ms, 0", "rules_sync, true"})
    void projectFileRejectsUserOnlyKey(String key, String value) {
        assertThatThrownBy(() -> read(key + " = " + value + "\n", Origin.PROJECT_FILE))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("setting " + key + " is not allowed in project settings file "
                        + temp.resolve(".scms.toml"))
                .hasMessageContaining("because ")
                .hasMessageContaining("SCMS_" + key.toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void userFileMaySetUserOnlyKeys() throws Exception {
        SettingsLayer layer = read("home = \"/tmp/x\"\nuser = \"ada\"\nrules_sync = true\n", Origin.USER_FILE);

        assertThat(layer.values()).containsKeys(SettingKey.HOME, SettingKey.USER, SettingKey.RULES_SYNC);
    }

    @Test
    void projectFileMayTuneRetrieval() throws Exception {
        SettingsLayer layer = read("k = 3\npreset = \"full\"\nauto_promote = true\nteam_size = 4\n",
                Origin.PROJECT_FILE);

        assertThat(layer.values()).hasSize(4);
    }

    @Test
    void invalidTomlNamesLineAndColumn() {
        assertThatThrownBy(() -> read("k = 5\nmin_relevance = \n", Origin.USER_FILE))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid TOML in settings file " + temp.resolve("config.toml")
                        + " at line 2, column ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void duplicateKeyIsInvalidToml() {
        assertThatThrownBy(() -> read("k = 5\nk = 6\n", Origin.PROJECT_FILE))
                .hasMessageContaining("invalid TOML in project settings file")
                .hasMessageContaining("Duplicate key");
    }

    @Test
    void emptyFileHasNoValues() throws Exception {
        assertThat(read("", Origin.USER_FILE).values()).isEmpty();
    }

    @Test
    void missingFileIsNotFound() {
        Path missing = temp.resolve("missing.toml");

        assertThatThrownBy(() -> TomlSettingsFile.read(missing, Origin.USER_FILE))
                .hasMessage("settings file " + missing + " not found; create it or name another file with "
                        + "--config or SCMS_CONFIG");
    }

    @Test
    void folderIsRejected() {
        assertThatThrownBy(() -> TomlSettingsFile.read(temp, Origin.USER_FILE))
                .hasMessageContaining("is a folder; replace it with a TOML file or name another file with --config");
    }

    @Test
    void notUtf8IsRejected() throws Exception {
        Path file = Files.write(temp.resolve("latin1.toml"), "user = \"Jos\u00e9\"\n".getBytes(
                StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TomlSettingsFile.read(file, Origin.USER_FILE))
                .hasMessageContaining("is not valid UTF-8");
    }

    @Test
    void oversizedFileIsRejectedUnread() throws Exception {
        Path file = Files.write(temp.resolve("big.toml"), new byte[TomlSettingsFile.MAX_BYTES + 1]);

        assertThatThrownBy(() -> TomlSettingsFile.read(file, Origin.PROJECT_FILE))
                .hasMessageContaining("is larger than " + TomlSettingsFile.MAX_BYTES + " bytes");
    }

    @Test
    void deviceIsNotRead() {
        Path device = Path.of("/dev/zero");
        assumeTrue(Files.exists(device), "needs /dev/zero");

        assertThatThrownBy(() -> TomlSettingsFile.read(device, Origin.USER_FILE))
                .hasMessage("settings file /dev/zero is not a regular file (a device, pipe or socket); replace it "
                        + "with a TOML file or name another file with --config or SCMS_CONFIG");
    }

    @Test
    void projectFileFolderRejected() throws Exception {
        Path folder = Files.createDirectory(temp.resolve(".scms.toml"));

        assertThatThrownBy(() -> TomlSettingsFile.read(folder, Origin.PROJECT_FILE))
                .hasMessage("project settings file " + folder + " is a folder; remove it or replace it with a "
                        + "TOML file");
    }

    @Test
    void brokenLinkRejected() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve(".scms.toml"), temp.resolve("gone.toml"));

        assertThatThrownBy(() -> TomlSettingsFile.read(link, Origin.PROJECT_FILE))
                .hasMessageContaining("is a link to a file that does not exist");
    }

    @Test
    void unknownKeyEscapeSequencesEscaped() {
        assertThatThrownBy(() -> read("\"\\u001b]0;pwned\\u0007\\u001b[2J\" = 1\n", Origin.PROJECT_FILE))
                .hasMessageStartingWith("unknown setting '\\u001b]0;pwned\\u0007\\u001b[2J' in project settings")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\u0007"));
    }

    @Test
    void invalidValueStaysOnOneLine() throws Exception {
        SettingsLayer layer = read("preset = \"\\u001b[31mred\\nok    database  forged line\"\n", Origin.PROJECT_FILE);
        SettingsLoader loader = new SettingsLoader(java.util.List.of(layer), "ada", temp);

        assertThatThrownBy(loader::load)
                .hasMessageContaining("'\\u001b[31mred\\u000aok    database  forged line' must be one of")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u001b"));
    }

    @Test
    void decimalForWholeNumberShowsFraction() {
        assertThatThrownBy(() -> read("k = 5.0\n", Origin.PROJECT_FILE))
                .hasMessageContaining("the decimal number 5.0 must be a whole number, e.g. k = 5")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("without quotes"));
    }

    @Test
    void quotedNumberAsksForNoQuotes() {
        assertThatThrownBy(() -> read("k = \"5\"\n", Origin.PROJECT_FILE))
                .hasMessageContaining("text '5' must be a whole number without quotes");
    }

    @Test
    void relativeProjectStartsAtFileFolder() throws Exception {
        SettingsLayer layer = read("project = \"./proj\"\n", Origin.USER_FILE);

        assertThat(layer.value(SettingKey.PROJECT)).contains(temp.toAbsolutePath().resolve("proj").toString());
    }

    @Test
    void projectNameStaysName() throws Exception {
        SettingsLayer layer = read("project = \"shop\"\n", Origin.USER_FILE);

        assertThat(layer.value(SettingKey.PROJECT)).contains("shop");
    }
}
