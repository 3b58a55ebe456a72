package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code scms eval} command on the project's fixture set with the real model. */
class EvalCommandIT {

    @TempDir
    Path temp;

    @Test
    void evalPrintsTableAndWritesJsonPerPreset() throws Exception {
        Path fixtures = Path.of(EvalCommandIT.class.getClassLoader().getResource("fixtures/lessons.jsonl").toURI())
                .getParent();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                ServerProcess.jar().toString(), "eval", "--memories", fixtures.resolve("lessons.jsonl").toString(),
                "--queries", fixtures.resolve("queries.jsonl").toString(), "--out", temp.resolve("out").toString())
                .redirectError(temp.resolve("stderr.log").toFile());
        builder.environment().put("SCMS_HOME", temp.resolve("home").toString());
        Process process = builder.start();
        String table = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(table).startsWith("## Dataset: ").contains("| preset | queries | Hit@1 |")
                .contains("| full+lex | 8 |");
        JsonNode results = new ObjectMapper().readTree(temp.resolve("out/eval-results.json").toFile());
        assertThat(results.size()).isGreaterThanOrEqualTo(9);
        JsonNode full = results.get(7);
        assertThat(full.path("preset").asText()).isEqualTo("full+lex");
        assertThat(full.path("hit@3").asDouble()).isEqualTo(1.0);
        assertThat(full.has("mrr")).isTrue();
        assertThat(temp.resolve("home").resolve("scms.db")).doesNotExist();
    }
}
