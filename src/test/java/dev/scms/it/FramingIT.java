package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real server with raw bytes to check the stdio framing. Text in every awkward Unicode
 * form survives a store, a retrieval and an export unchanged, and messages may arrive joined or
 * split at any byte. A slow call does not delay a ping, and input that is not valid Unicode is
 * rejected or repaired, never stored as it came.
 */
class FramingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;

    /**
     * Line breaks of three kinds, a tab, accents, CJK, an emoji (a surrogate pair) and Hebrew and Arabic. NUL
     * is left out because no store keeps it: the server rejects it, which this test checks too.
     */
    private static final String AWKWARD_TEXT = "Framing quokka sentinel\nsecond line\r\nthird line\u2028after the"
            + " line separator\u2029after the paragraph separator\tafter a tab café naïve Ærø "
            + "日本語のテキスト 😀 שלום עולם مرحبا";

    /** Remember texts as JSON escapes: a lone high, a lone low, a reversed pair, and a valid pair then a lone high. */
    private static final List<String> LONE_SURROGATES = List.of("lone high \\ud800 in the middle",
            "lone low \\udc00 after a space", "reversed pair \\udc00\\ud800 stays two characters",
            "valid escaped pair \\ud83d\\ude00 and a high one at the end \\ud83d");

    private static final List<String> LATIN1_OPTIONS = List.of("-Dfile.encoding=ISO-8859-1",
            "-Dsun.stdout.encoding=ISO-8859-1", "-Dsun.stderr.encoding=ISO-8859-1");
    private static final Map<String, String> C_LOCALE = Map.of("LANG", "C", "LC_ALL", "C");

    @TempDir
    Path temp;

    @Test
    void awkwardTextRoundTripsExactly() throws Exception {
        assertRoundTrip(List.of(), Map.of());
    }

    @Test
    void awkwardTextRoundTripsUnderLatin1Defaults() throws Exception {
        assertRoundTrip(LATIN1_OPTIONS, C_LOCALE);
    }

    @Test
    void requestsJoinedOrSplitAcrossWrites() throws Exception {
        Path home = temp.resolve("home");
        String joined = "joined write lesson about retries";
        String split = "split write lesson 日本語 about timeouts";
        try (RawSession session = initialized(home, List.of(), Map.of())) {
            session.write((rememberLine(1, joined) + "\n" + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(session.reply(1).at("/result/structuredContent/status").asText()).isEqualTo("stored");
            assertThat(session.reply(2).has("result")).isTrue();

            byte[] line = (rememberLine(3, split) + "\n").getBytes(StandardCharsets.UTF_8);
            int insideCharacter = indexOf(line, "日".getBytes(StandardCharsets.UTF_8)) + 1;
            session.write(Arrays.copyOfRange(line, 0, insideCharacter));
            TimeUnit.MILLISECONDS.sleep(300);
            session.write(Arrays.copyOfRange(line, insideCharacter, line.length));
            assertThat(session.reply(3).at("/result/structuredContent/status").asText()).isEqualTo("stored");
        }

        assertThat(storedBodies(home)).containsExactly(joined, split);
    }

    @Test
    void pingOvertakesSlowRemember() throws Exception {
        Path home = temp.resolve("home");
        // A text near the 20,000-character maximum: embedding it right after the start, while the model
        // may still be loading, takes far longer than the reply to a ping.
        String large = "Lesson about cache keys and retries. ".repeat(500);
        try (RawSession session = initialized(home, List.of(), Map.of())) {
            session.write((rememberLine(1, large) + "\n").getBytes(StandardCharsets.UTF_8));
            session.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));

            assertThat(session.reply(2).has("result")).isTrue();
            JsonNode stored = session.reply(1);
            assertThat(stored.at("/result/structuredContent/status").asText()).isEqualTo("stored");
            List<Integer> order = session.received().stream().filter(message -> message.has("id"))
                    .map(message -> message.get("id").asInt()).toList();
            assertThat(order).as("reply order on stdout").containsSubsequence(0, 2, 1);
        }
    }

    @Test
    void malformedTextNeverStoredAsIs() throws Exception {
        Path home = temp.resolve("home");
        try (RawSession session = initialized(home, List.of(), Map.of())) {
            assertThat(errorCode(session, 1, withTextEnd(rememberLine(1, "invalid byte "), 0xFF, "here")))
                    .as("byte 0xFF").isEqualTo(PARSE_ERROR);
            assertThat(errorCode(session, 2, withTextEnd(rememberLine(2, "bad continuation "), 0xC3, 0x28, "here")))
                    .as("0xC3 before an ASCII byte").isEqualTo(PARSE_ERROR);
            assertThat(errorCode(session, 3, withTextEnd(rememberLine(3, "overlong slash "), 0xC0, 0xAF, "here")))
                    .as("overlong encoding of a slash").isEqualTo(PARSE_ERROR);
            assertThat(errorCode(session, 4, withTextEnd(rememberLine(4, "encoded surrogate "), 0xED, 0xA0, 0x80,
                    "here"))).as("UTF-8 encoding of U+D800").isEqualTo(PARSE_ERROR);
            assertThat(errorCode(session, 5, withTextEnd(rememberLine(5, "cut character "), 0xE6, 0x97, "")))
                    .as("first two of three bytes").isEqualTo(PARSE_ERROR);

            session.write(concat("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x", 0xFF, "\"}\n"));
            session.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}");
            assertThat(session.reply(6).has("result")).as("ping after a line without an id").isTrue();

            // A text of 16 MiB makes the line longer than the 16 MiB limit of a message.
            String oversized = rememberLine(11, "a".repeat(16 * 1024 * 1024));
            assertThat(errorCode(session, 11, (oversized + "\n").getBytes(StandardCharsets.UTF_8)))
                    .as("a line over 16 MiB").isEqualTo(INVALID_REQUEST);

            for (int id = 7; id <= 10; id++) {
                JsonNode reply = session.requestLine(id, rawRemember(id, LONE_SURROGATES.get(id - 7)));
                assertThat(reply.at("/result/structuredContent/status").asText()).as("remember %d", id)
                        .isEqualTo("stored");
            }
            assertThat(session.received()).as("every reply answers a request with an id")
                    .allMatch(message -> message.path("id").isIntegralNumber());
        }

        assertThat(storedBodies(home)).containsExactly("lone high \uFFFD in the middle",
                "lone low \uFFFD after a space", "reversed pair \uFFFD\uFFFD stays two characters",
                "valid escaped pair 😀 and a high one at the end \uFFFD");
    }

    private void assertRoundTrip(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        Path home = temp.resolve("home");
        long id;
        try (RawSession session = initialized(home, jvmOptions, environment)) {
            JsonNode stored = session.requestLine(1, rememberLine(1, AWKWARD_TEXT));
            assertThat(stored.at("/result/structuredContent/status").asText()).isEqualTo("stored");
            id = stored.at("/result/structuredContent/id").asLong();

            JsonNode retrieved = session.request(2, "tools/call", "{\"name\":\"retrieve_memories\",\"arguments\":"
                    + "{\"query\":\"Framing quokka sentinel\"}}");
            JsonNode memory = memoryWithId(retrieved.at("/result/structuredContent/memories"), id);
            assertThat(memory.path("truncated").asBoolean()).isFalse();
            assertThat(memory.path("text").asText()).isEqualTo(AWKWARD_TEXT);

            JsonNode nul = session.requestLine(3, rememberLine(3, "before NUL\u0000after NUL"));
            assertThat(nul.at("/result/structuredContent/error").asText()).isEqualTo("invalid_argument");
        }

        assertThat(storedBodies(home)).containsExactly(AWKWARD_TEXT);
        byte[] export = export(home, jvmOptions, environment);
        String exportText = strictUtf8(export);
        assertThat(exportText.lines().map(FramingIT::textField).toList()).containsExactly(AWKWARD_TEXT);
        byte[] jsonString = JSON.writeValueAsString(AWKWARD_TEXT).getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(export, jsonString)).as("the text's JSON string, byte for byte, in the export")
                .isNotNegative();
    }

    private RawSession initialized(Path home, List<String> jvmOptions, Map<String, String> environment)
            throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        RawSession session = RawSession.start(home, work, jvmOptions, environment);
        assertThat(session.requestLine(0, RawSession.initialize(0, "2025-06-18")).has("result")).isTrue();
        session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    private static int errorCode(RawSession session, int id, byte[] line) throws Exception {
        session.write(line);
        return session.reply(id).at("/error/code").asInt();
    }

    private static String rememberLine(int id, String text) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        ObjectNode params = request.putObject("params").put("name", "remember");
        params.putObject("arguments").put("text", text);
        return JSON.writeValueAsString(request);
    }

    /** Builds a remember request whose text is {@code escapedText} exactly as written, JSON escapes included. */
    private static String rawRemember(int id, String escapedText) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"remember\","
                + "\"arguments\":{\"text\":\"" + escapedText + "\"}}}";
    }

    /**
     * Returns the line of {@code request}, a remember request, with {@code parts} appended to the end
     * of its text: an Integer is one raw byte, a String is UTF-8.
     */
    private static byte[] withTextEnd(String request, Object... parts) {
        String closing = "\"}}}";
        List<Object> line = new ArrayList<>();
        line.add(request.substring(0, request.length() - closing.length()));
        line.addAll(List.of(parts));
        line.add(closing + "\n");
        return concat(line.toArray());
    }

    /** Concatenates {@code parts}: an Integer is one raw byte, a String is UTF-8. */
    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer value) {
                out.write(value);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static JsonNode memoryWithId(JsonNode memories, long id) {
        for (JsonNode memory : memories) {
            if (memory.path("id").asLong() == id) {
                return memory;
            }
        }
        throw new AssertionError("memory " + id + " is not among the retrieved memories " + memories);
    }

    private static String textField(String exportLine) {
        try {
            return JSON.readTree(exportLine).path("text").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("export line is not JSON: " + exportLine, e);
        }
    }

    /** Reads every stored memory body as raw bytes, which must be valid UTF-8, in id order. */
    private static List<String> storedBodies(Path home) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("scms.db"));
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CAST(body AS BLOB) FROM memories ORDER BY id")) {
            while (rows.next()) {
                bodies.add(strictUtf8(rows.getBytes(1)));
            }
        }
        return bodies;
    }

    private static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private byte[] export(Path home, List<String> jvmOptions, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ServerProcess.jar().toString(), "export"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.resolve("work").toFile())
                .redirectError(temp.resolve("export-stderr.log").toFile());
        builder.environment().put("SCMS_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("export exit code").isZero();
        return stdout;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
