package dev.scms.app.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scms.config.EchoedText;
import dev.scms.config.SettingKey;
import dev.scms.config.SettingValue;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The findings of {@code scms doctor}: the check lines, the effective settings with their sources and
 * the client configuration, printable as text or JSON.
 *
 * @param checks one line per check, in the order run
 * @param settings every setting's effective value and source; empty when the settings are invalid
 * @param client the client configuration of this installation, when it runs from a jar
 */
public record DoctorReport(List<Check> checks, Map<SettingKey, SettingValue> settings, Optional<ClientEntry> client) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DoctorReport {
        checks = List.copyOf(checks);
        settings = new LinkedHashMap<>(settings);
        Objects.requireNonNull(client, "client");
    }

    /** Returns true when any check failed, which makes the command exit with 1. */
    public boolean failed() {
        return checks.stream().anyMatch(check -> check.status() == Check.Status.FAIL);
    }

    /** Returns the worst status: FAIL, else warn, else ok. */
    public Check.Status status() {
        return checks.stream().map(Check::status).max(Enum::compareTo).orElse(Check.Status.OK);
    }

    /** Returns the report as text lines, with control characters of messages and values escaped. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Check check : checks) {
            text.append(String.format(Locale.ROOT, "%-4s  %-8s  %s%n", check.status().label(), check.area(),
                    EchoedText.escape(check.message())));
        }
        if (!settings.isEmpty()) {
            text.append(System.lineSeparator()).append("Effective settings:").append(System.lineSeparator());
            // The value column is 20 wide, or as wide as the longest value, so every source starts in one column.
            int width = settings.values().stream().mapToInt(value -> shown(value).length()).max().orElse(0);
            String line = "  %-25s = %-" + Math.max(20, width) + "s (%s)%n";
            settings.forEach((key, value) -> text.append(String.format(Locale.ROOT, line, key.key(), shown(value),
                    EchoedText.escape(value.source()))));
        }
        client.ifPresent(entry -> {
            text.append(System.lineSeparator()).append("Client configuration (mcpServers entry):")
                    .append(System.lineSeparator()).append(write(entry.mcpServers())).append(System.lineSeparator())
                    .append(System.lineSeparator()).append("Claude Code:").append(System.lineSeparator())
                    .append("  ").append(entry.claudeCommand()).append(System.lineSeparator());
        });
        return text.toString();
    }

    private static String shown(SettingValue value) {
        return value.value().isEmpty() ? "(unset)" : EchoedText.escape(value.value());
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", status().label().toLowerCase(Locale.ROOT));
        List<Map<String, String>> checkList = new ArrayList<>();
        for (Check check : checks) {
            checkList.add(Map.of("status", check.status().label().toLowerCase(Locale.ROOT), "area", check.area(),
                    "message", check.message()));
        }
        root.put("checks", checkList);
        List<Map<String, String>> settingList = new ArrayList<>();
        settings.forEach((key, value) -> settingList.add(Map.of("key", key.key(), "value", value.value(),
                "source", value.source())));
        root.put("settings", settingList);
        client.ifPresent(entry -> root.put("client", Map.of("mcpServers", entry.mcpServers().get("mcpServers"),
                "claude_command", entry.claudeCommand())));
        return write(root) + System.lineSeparator();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing the doctor report as JSON failed: " + e.getOriginalMessage(), e);
        }
    }
}
