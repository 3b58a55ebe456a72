package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends lone UTF-16 surrogates into {@code scms add} and {@code scms import} of the real jar. A
 * JSON escape such as {@code \ud83d} and an argument the JVM cannot decode are stored as U+FFFD,
 * and bytes that are not UTF-8 in stdin or a Markdown file are rejected with the offending
 * input named.
 */
class CliLoneSurrogateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three bytes that encode the lone high surrogate U+D83D as if it were a character, so not valid UTF-8. */
    private static final byte[] ENCODED_SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0xBD};

    @TempDir
    Path temp;

    @Test
    void jsonImportReplacesLoneSurrogates() throws Exception {
        Path file = Files.writeString(temp.resolve("lessons.jsonl"), "{\"text\":\"Lone \\ud83d escaped surrogate in a "
                + "JSON import line.\",\"kind\":\"pattern\",\"title\":\"Title \\udc00 lone\"}\n");

        Result imported = run(new byte[0], "import", file.toString());
        JsonNode shown = JSON.readTree(run(new byte[0], "show", "1", "--json").stdout());

        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(shown.path("text").asText()).isEqualTo("Lone \uFFFD escaped surrogate in a JSON import line.");
        assertThat(shown.path("title").asText()).isEqualTo("Title \uFFFD lone");
    }

    @Test
    void stdinAddRejectsEncodedSurrogate() throws Exception {
        byte[] text = concat("Lone high ", ENCODED_SURROGATE, " surrogate in the stdin text of add.");

        Result added = run(text, "add", "-");

        assertThat(added.exitCode()).isNotZero();
        assertThat(added.stdout()).isEmpty();
        assertThat(added.stderr()).contains("not valid UTF-8").contains("byte offset 10");
    }

    @Test
    void markdownImportRejectsEncodedSurrogate() throws Exception {
        Path file = temp.resolve("lessons.md");
        Files.write(file, concat("# Title ", ENCODED_SURROGATE, " x\n\nBody of the lesson.\n"));

        Result imported = run(new byte[0], "import", file.toString());

        assertThat(imported.exitCode()).isNotZero();
        assertThat(imported.stdout()).isEmpty();
        assertThat(imported.stderr()).contains("lessons.md").contains("not valid UTF-8");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the argument bytes are written by bash")
    void argumentAddReplacesEncodedSurrogate() throws Exception {
        String command = "exec java -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -jar '"
                + ServerProcess.jar() + "' add \"$(printf 'Lone high \\355\\240\\275 surrogate in the argument of add.')\"";

        Result added = start(new byte[0], List.of("bash", "-c", command));
        JsonNode shown = JSON.readTree(run(new byte[0], "show", "1", "--json").stdout());

        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(shown.path("text").asText()).startsWith("Lone high \uFFFD").endsWith("surrogate in the argument of add.")
                .doesNotContain("\uD83D");
    }

    private Result run(byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        return start(stdin, command);
    }

    private Result start(byte[] stdin, List<String> command) throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", temp.resolve("home").toString());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
