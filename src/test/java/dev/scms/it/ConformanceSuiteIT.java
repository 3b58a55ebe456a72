package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official MCP conformance suite (npm package {@code @modelcontextprotocol/conformance})
 * against the real server process over MCP Streamable HTTP, through {@code scripts/conformance},
 * which starts {@code scms serve --http} with a bearer token and writes a summary.
 *
 * <p>The scenarios in {@link #APPLICABLE} test the protocol itself and must pass. Every other
 * scenario calls a tool, resource or prompt of the suite's own reference server, or needs a
 * capability that SCMS does not declare; {@code scripts/conformance-not-applicable.tsv} lists each
 * of them with the reason. A scenario that a new version of the suite adds is in neither list,
 * and {@link #everyScenarioIsClassified()} fails until it is put in one.
 *
 * <p>It needs Node.js and npm; the script installs the suite (and Node.js 22 when the one on the
 * PATH is older) into the build folder.
 */
class ConformanceSuiteIT {

    /**
     * Scenarios that apply to any MCP server with tools, resources and prompts over HTTP. SCMS does
     * not declare the logging capability, but the MCP Java SDK still accepts logging/setLevel.
     */
    static final Set<String> APPLICABLE = Set.of("server-initialize", "ping", "logging-set-level", "tools-list",
            "resources-list", "prompts-list", "server-sse-multiple-streams", "dns-rebinding-protection");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Path root;
    private static int exitCode;
    private static String output;
    private static JsonNode summary;

    @BeforeAll
    static void runSuite() throws Exception {
        Process probe = new ProcessBuilder("bash", "-c", "command -v node && command -v npm").redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor() == 0,
                "node or npm not found: install Node.js 20 or newer to run the MCP conformance suite");

        root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path jar = ServerProcess.jar();
        Path report = temp.resolve("report");
        Path log = temp.resolve("conformance.log");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("scripts/conformance").toString(), "--jar",
                jar.toString(), "--output", report.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // The suite goes next to the jar, so a build folder of its own keeps its own copy.
        builder.environment().put("SCMS_CONFORMANCE_DIR", jar.getParent().resolve("conformance-suite").toString());
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            // The server is a child of the script, and killing the script alone would leave it running.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("scripts/conformance finished within 5 minutes\n%s", output).isTrue();
        exitCode = process.exitValue();
        Path summaryFile = report.resolve("summary.json");
        assertThat(summaryFile).as(output).isRegularFile();
        summary = JSON.readTree(summaryFile.toFile());
    }

    @Test
    void applicableScenariosPass() {
        Map<String, JsonNode> scenarios = scenarios();
        for (String name : new TreeSet<>(APPLICABLE)) {
            assertThat(scenarios).as("scenario %s ran\n%s", name, output).containsKey(name);
            JsonNode scenario = scenarios.get(name);
            assertThat(scenario.get("result").asText()).as("%s: %s", name, scenario.get("problems"))
                    .isEqualTo("passed");
        }
        assertThat(exitCode).as(output).isZero();
    }

    @Test
    void everyScenarioIsClassified() throws Exception {
        Map<String, String> notApplicable = notApplicable();

        assertThat(notApplicable.keySet()).as("scenarios both applicable and not").doesNotContainAnyElementsOf(
                APPLICABLE);
        assertThat(summary.get("unknownNotApplicable")).as("listed scenarios the suite does not have").isEmpty();
        Set<String> classified = new TreeSet<>(APPLICABLE);
        classified.addAll(notApplicable.keySet());
        assertThat(scenarios().keySet()).as("scenarios of the suite").containsExactlyInAnyOrderElementsOf(classified);
    }

    @Test
    void notApplicableScenariosCarryReason() throws Exception {
        Map<String, JsonNode> scenarios = scenarios();
        for (Map.Entry<String, String> entry : notApplicable().entrySet()) {
            String name = entry.getKey();
            assertThat(entry.getValue()).as("reason for %s", name).isNotBlank();
            // A listed scenario that passes is no longer an expected failure, so the suite exits 1.
            assertThat(scenarios.get(name).get("result").asText()).as(name).isEqualTo("not applicable");
            assertThat(scenarios.get(name).get("reason").asText()).as(name).isEqualTo(entry.getValue());
        }
    }

    private static Map<String, JsonNode> scenarios() {
        Map<String, JsonNode> scenarios = new LinkedHashMap<>();
        summary.get("scenarios").forEach(scenario -> scenarios.put(scenario.get("name").asText(), scenario));
        return scenarios;
    }

    /** Reads scripts/conformance-not-applicable.tsv: scenario name, a tab, the reason. */
    private static Map<String, String> notApplicable() throws Exception {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("scripts/conformance-not-applicable.tsv"),
                StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 1) {
                malformed.add(line);
                continue;
            }
            reasons.put(line.substring(0, tab), line.substring(tab + 1));
        }
        assertThat(malformed).as("lines without a tab between scenario and reason").isEmpty();
        return reasons;
    }
}
