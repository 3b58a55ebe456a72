package dev.scms.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures, from a client's side of stdio, the time from starting the server process to the
 * {@code initialize} reply and to the first {@code retrieve_memories} result, over repeated
 * starts, and prints the medians. Run after {@code mvn -B verify} (or package and
 * test-compile):
 *
 * <pre>java -cp target/scms.jar:target/test-classes dev.scms.it.StartupTiming 10</pre>
 *
 * <p>A second argument adds JVM options to the server, for example the class-data-sharing
 * archive that {@code scripts/scms} creates: {@code "-XX:SharedArchiveFile=target/scms.jsa"}.
 */
public final class StartupTiming {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"timing\","
            + "\"version\":\"1\"}}}\n";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    private static final String RETRIEVE = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"retrieve_memories\",\"arguments\":{\"query\":\"sqlite database is locked by another "
            + "process\"}}}\n";

    private StartupTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> jvmOptions = args.length > 1 ? List.of(args[1].trim().split("\\s+")) : List.of();
        Path home = Files.createTempDirectory("scms-timing");
        RetrievalQuality.importFile(home, Path.of("src/test/resources/fixtures/lessons.jsonl"));
        List<Double> initialize = new ArrayList<>();
        List<Double> firstRetrieval = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] times = once(home, jvmOptions);
            initialize.add(times[0]);
            firstRetrieval.add(times[1]);
        }
        System.out.printf("runs %d, initialize reply median %.0f ms (min %.0f, max %.0f), first retrieval result "
                + "median %.0f ms (min %.0f, max %.0f)%n", runs, median(initialize), Collections.min(initialize),
                Collections.max(initialize), median(firstRetrieval), Collections.min(firstRetrieval),
                Collections.max(firstRetrieval));
    }

    private static double[] once(Path home, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ServerProcess.jar().toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SCMS_HOME", home.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        OutputStream in = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        in.write(INITIALIZE.getBytes(StandardCharsets.UTF_8));
        in.flush();
        awaitId(out, 1);
        double initialize = (System.nanoTime() - start) / 1e6;
        in.write((INITIALIZED + RETRIEVE).getBytes(StandardCharsets.UTF_8));
        in.flush();
        awaitId(out, 2);
        double retrieval = (System.nanoTime() - start) / 1e6;
        in.close();
        process.waitFor();
        return new double[] {initialize, retrieval};
    }

    private static void awaitId(BufferedReader out, int id) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
                return;
            }
        }
        throw new IOException("server closed stdout before replying to request " + id);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
