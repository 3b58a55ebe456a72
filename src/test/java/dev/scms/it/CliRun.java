package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The exit code and output of one {@code scms} CLI command run from the built jar. */
record CliRun(int exitCode, String stdout, String stderr) {

    /**
     * Runs {@code scms args} in {@code project} on {@code database}, with its home folder
     * {@code cli-home} and its stderr file in {@code temp}. Fails if it runs longer than 2 minutes.
     */
    static CliRun run(Path temp, Path project, Path database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+UseSerialGC", "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(temp, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectError(stderr.toFile());
        builder.environment().put("SCMS_HOME", temp.resolve("cli-home").toString());
        builder.environment().put("SCMS_DB", database.toString());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new CliRun(process.exitValue(), stdout, Files.readString(stderr));
    }

    /** Returns the sorted names of the files in the folder of {@code database}, the database included. */
    static List<String> siblings(Path database) throws Exception {
        try (Stream<Path> files = Files.list(database.getParent())) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
