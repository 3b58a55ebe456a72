package dev.scms.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientEntryTest {

    private static final Path JAVA = Path.of("/opt/java/bin/java");

    @TempDir
    Path temp;

    private Path checkoutWithScript() throws Exception {
        Path script = Files.createDirectories(temp.resolve("scripts")).resolve("scms");
        Files.writeString(script, "#!/usr/bin/env bash\n");
        script.toFile().setExecutable(true);
        return Files.createDirectories(temp.resolve("target")).resolve("scms.jar");
    }

    @Test
    void checkoutJarUsesScript() throws Exception {
        Path jar = checkoutWithScript();

        ClientEntry entry = ClientEntry.forJar(jar, JAVA, false, Map.of());

        assertThat(entry.command()).isEqualTo(temp.resolve("scripts/scms").toString());
        assertThat(entry.args()).containsExactly("serve");
        assertThat(entry.claudeCommand()).isEqualTo("claude mcp add --scope user scms -- " + temp.resolve(
                "scripts/scms") + " serve");
    }

    @Test
    void windowsUsesJavaEvenInCheckout() throws Exception {
        Path jar = checkoutWithScript();

        ClientEntry entry = ClientEntry.forJar(jar, JAVA, true, Map.of());

        assertThat(entry.command()).isEqualTo(JAVA.toString());
        assertThat(entry.args()).containsExactly("-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC", "-Xms64m", "-Xmx1g", "-XX:MinHeapFreeRatio=5",
                "-XX:MaxHeapFreeRatio=20", "--add-modules=jdk.incubator.vector", "-jar",
                jar.toString(), "serve");
    }

    @Test
    void jarWithoutScriptUsesJava() {
        Path jar = temp.resolve("lib/scms.jar");

        ClientEntry entry = ClientEntry.forJar(jar, JAVA, false, Map.of());

        assertThat(entry.command()).isEqualTo(JAVA.toString());
        assertThat(entry.args()).endsWith("-jar", jar.toString(), "serve");
    }

    @Test
    void entryCarriesEnvironment() {
        ClientEntry entry = new ClientEntry("/x/scms", List.of("serve"), Map.of("SCMS_HOME", "/data/my scms"));

        assertThat(entry.mcpServers()).isEqualTo(Map.of("mcpServers", Map.of("scms", Map.of("command", "/x/scms",
                "args", List.of("serve"), "env", Map.of("SCMS_HOME", "/data/my scms")))));
        assertThat(entry.claudeCommand()).isEqualTo("claude mcp add --scope user -e 'SCMS_HOME=/data/my scms' scms "
                + "-- /x/scms serve");
    }

    @Test
    void entryWithoutEnvironmentHasNoEnvField() {
        ClientEntry entry = new ClientEntry("/x/scms", List.of("serve"), Map.of());

        assertThat(entry.mcpServers().get("mcpServers")).isEqualTo(Map.of("scms", Map.of("command", "/x/scms",
                "args", List.of("serve"))));
    }

    @Test
    void quoteEscapesForPosixShell() {
        assertThat(ClientEntry.quote("/plain/path-1.jar")).isEqualTo("/plain/path-1.jar");
        assertThat(ClientEntry.quote("/with space")).isEqualTo("'/with space'");
        assertThat(ClientEntry.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ClientEntry.quote("")).isEqualTo("''");
    }
}
