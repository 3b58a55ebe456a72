package dev.scms.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.config.SettingKey;
import dev.scms.config.SettingValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

    private static final ClientEntry ENTRY = new ClientEntry("/opt/scms/scripts/scms", List.of("serve"), Map.of());

    private static DoctorReport report(Check... checks) {
        return new DoctorReport(List.of(checks), Map.of(SettingKey.K, new SettingValue("7", "settings file /c.toml")),
                Optional.of(ENTRY));
    }

    @Test
    void warningsDoNotFail() {
        DoctorReport report = report(Check.ok("java", "Java 17"), Check.warn("database", "journal mode delete"));

        assertThat(report.failed()).isFalse();
        assertThat(report.status()).isEqualTo(Check.Status.WARN);
    }

    @Test
    void anyFailureFails() {
        DoctorReport report = report(Check.ok("java", "Java 17"), Check.fail("model", "missing"));

        assertThat(report.failed()).isTrue();
        assertThat(report.status()).isEqualTo(Check.Status.FAIL);
    }

    @Test
    void longValueKeepsSourcesInOneColumn() {
        Map<SettingKey, SettingValue> settings = new java.util.LinkedHashMap<>();
        settings.put(SettingKey.DB, new SettingValue("/tmp/a/rather/long/home/folder/scms.db", "default"));
        settings.put(SettingKey.K, new SettingValue("7", "environment SCMS_K"));

        List<String> lines = new DoctorReport(List.of(), settings, Optional.empty()).text().lines()
                .filter(line -> line.contains(" = ")).toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).indexOf("(default)")).isEqualTo(lines.get(1).indexOf("(environment SCMS_K)"));
    }

    @Test
    void textListsChecksAndClient() {
        String text = report(Check.ok("java", "Java 17"), Check.fail("model", "missing")).text();

        assertThat(text).contains("ok    java      Java 17", "FAIL  model     missing")
                .contains("k                         = 7                    (settings file /c.toml)")
                .contains("\"command\" : \"/opt/scms/scripts/scms\"")
                .contains("claude mcp add --scope user scms -- /opt/scms/scripts/scms serve");
    }

    @Test
    void jsonCarriesSameFacts() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(Check.warn("data", "low space")).json());

        assertThat(json.get("status").asText()).isEqualTo("warn");
        assertThat(json.at("/checks/0/area").asText()).isEqualTo("data");
        assertThat(json.at("/checks/0/status").asText()).isEqualTo("warn");
        assertThat(json.at("/settings/0/key").asText()).isEqualTo("k");
        assertThat(json.at("/settings/0/source").asText()).isEqualTo("settings file /c.toml");
        assertThat(json.at("/client/mcpServers/scms/command").asText()).isEqualTo("/opt/scms/scripts/scms");
        assertThat(json.at("/client/claude_command").asText()).startsWith("claude mcp add");
    }

    @Test
    void reportWithoutSettingsOrClientOmitsThem() {
        String text = new DoctorReport(List.of(Check.fail("settings", "bad")), Map.of(), Optional.empty()).text();

        assertThat(text).isEqualTo(String.format("FAIL  settings  bad%n"));
    }

    @Test
    void textEscapesControlCharactersOfMessages() {
        String text = report(Check.fail("settings", "invalid setting preset: '\u001b[31mred\nok    database  forged "
                + "line'")).text();

        assertThat(text).doesNotContain("\u001b").contains("'\\u001b[31mred\\u000aok    database  forged line'")
                .doesNotContainPattern("(?m)^ok    database");
    }

    @Test
    void textEscapesControlCharactersOfValues() {
        DoctorReport report = new DoctorReport(List.of(Check.ok("java", "Java 17")), Map.of(SettingKey.USER,
                new SettingValue("ada\u001b]0;x\u0007", "environment SCMS_USER")), Optional.empty());

        assertThat(report.text()).contains("ada\\u001b]0;x\\u0007").doesNotContain("\u001b");
    }
}
