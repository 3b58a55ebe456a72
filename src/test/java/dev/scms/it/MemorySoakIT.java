package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores memories in the real server, sends retrievals with varied queries and samples the
 * process's resident memory (VmRSS) and its live heap after a full GC (through jcmd) ten times
 * along the way. Memory must level off: the last samples may not exceed the middle ones by more
 * than a tolerance. By default 500 memories and 5,000 retrievals keep the run under about a
 * minute on two cores, at about 9 ms per retrieval. {@code -Dscms.soak.memories=1000
 * -Dscms.soak.retrievals=20000} runs the full soak, which takes about four minutes.
 */
@Tag("slow")
class MemorySoakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final int MEMORIES = Integer.getInteger("scms.soak.memories", 500);
    private static final int RETRIEVALS = Integer.getInteger("scms.soak.retrievals", 5_000);
    private static final int SAMPLE_EVERY = RETRIEVALS / 10;
    private static final int BATCH = 500;
    private static final String[] TOPICS = {"database", "migration", "cache", "thread", "timeout", "parser",
        "deploy", "docker", "gradle", "maven", "index", "query", "socket", "retry", "logging", "schema",
        "upload", "token", "session", "lock"};
    private static final String[] ACTIONS = {"fails", "hangs", "leaks", "slows down", "crashes", "times out",
        "drops rows", "returns stale data"};

    /** A generation's line in the output of jcmd GC.heap_info, such as "total 4928K, used 1234K". */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    @TempDir
    Path temp;

    @Test
    void memoryLevelsOffOverRetrievals() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        RawSession server = RawSession.start(temp.resolve("home"), project, List.of("-Xmx256m"), Map.of());
        JsonNode init = server.requestLine("init", RawSession.initialize("init", PROTOCOL_VERSION));
        assertThat(init.has("result")).as("initialize reply %s", init).isTrue();
        server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        long pid = server.process().pid();

        long started = System.nanoTime();
        sendAll(server, 0, MEMORIES, i -> call(i, "remember", Map.of("text", lesson(i))));
        long seeded = System.nanoTime();

        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        for (int done = 0; done < RETRIEVALS; done += SAMPLE_EVERY) {
            int first = MEMORIES + done;
            sendAll(server, first, SAMPLE_EVERY, i -> call(i, "retrieve_memories", Map.of("query", query(i))));
            heap.add(liveHeapKiB(pid));
            rss.add(residentKiB(pid));
        }
        long finished = System.nanoTime();
        server.close();

        System.out.println("MemorySoakIT seeded " + MEMORIES + " memories in "
                + TimeUnit.NANOSECONDS.toMillis(seeded - started) + " ms, " + RETRIEVALS + " retrievals in "
                + TimeUnit.NANOSECONDS.toMillis(finished - seeded) + " ms");
        System.out.println("MemorySoakIT VmRSS KiB every " + SAMPLE_EVERY + " retrievals: " + rss);
        System.out.println("MemorySoakIT live heap KiB after full GC: " + heap);
        assertThat(server.process().exitValue()).isZero();
        // Middle: samples 4 to 6 (40 to 60 % of the retrievals); last: samples 8 to 10.
        assertThat(mean(heap, 7, 10)).as("live heap, last against middle samples %s", heap)
                .isLessThanOrEqualTo(mean(heap, 3, 6) * 1.10 + 2_048);
        assertThat(mean(rss, 7, 10)).as("VmRSS, last against middle samples %s", rss)
                .isLessThanOrEqualTo(mean(rss, 3, 6) * 1.10 + 16_384);
    }

    /** Sends {@code count} requests with ids from {@code first}, in batches, and checks every reply. */
    private static void sendAll(RawSession server, int first, int count, IntFunction<String> request)
            throws Exception {
        for (int start = first; start < first + count; start += BATCH) {
            List<Integer> ids = new ArrayList<>();
            for (int id = start; id < Math.min(start + BATCH, first + count); id++) {
                server.send(request.apply(id));
                ids.add(id);
            }
            for (JsonNode reply : server.awaitReplies(ids).values()) {
                assertThat(reply.at("/result/isError").asBoolean()).as("reply %s", reply).isFalse();
            }
        }
    }

    private static String lesson(int i) {
        String topic = TOPICS[i % TOPICS.length];
        String action = ACTIONS[(i / TOPICS.length) % ACTIONS.length];
        return "When the " + topic + " " + action + " in service " + i + ", check setting number " + (i * 7 % 997)
                + " and restart worker " + (i % 13) + " before retrying.";
    }

    private static String query(int i) {
        return TOPICS[i % TOPICS.length] + " " + ACTIONS[i % ACTIONS.length] + " in service " + (i % 1_500)
                + " after change " + i;
    }

    private static String call(int id, String tool, Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call",
                    "params", Map.of("name", tool, "arguments", arguments)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long residentKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS line for process " + pid);
    }

    /** Runs a full GC in the server through jcmd and returns the heap in use afterwards. */
    private static long liveHeapKiB(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), String.valueOf(pid), "GC.run");
        String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        long total = 0;
        while (used.find()) {
            total += Long.parseLong(used.group(1));
        }
        assertThat(total).as("heap figures in %s", info).isPositive();
        return total;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return output;
    }

    private static double mean(List<Long> samples, int from, int to) {
        return samples.subList(from, to).stream().mapToLong(Long::longValue).average().orElseThrow();
    }
}
