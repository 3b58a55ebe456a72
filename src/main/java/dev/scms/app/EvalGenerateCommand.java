package dev.scms.app;

import dev.scms.eval.GeneratedWorkload;
import dev.scms.eval.WorkloadGenerator;
import dev.scms.eval.WorkloadParameters;
import dev.scms.eval.WorkloadWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a generated workload of lessons and queries for {@code scms eval}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a dated workload of lessons and developer queries with what real datasets lack: "
                + "sessions with topic locality, problems that recur over weeks, lessons that go stale, and "
                + "distractors. Writes memories.jsonl and queries.jsonl in the format of the development set, and a "
                + "README.md with the parameters, counts and assumptions. The same options give the same files. "
                + "No network access."},
        footer = {"%nAssumptions:%n" + WorkloadGenerator.ASSUMPTIONS})
final class EvalGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the three files; "
            + "created when missing.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of every random choice "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sessions", defaultValue = "80", paramLabel = "N", description = "Working sessions, 1 to "
            + "10000 (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--memories", defaultValue = "300", paramLabel = "N", description = "Memories in all, at least 10 "
            + "and at most 1200 with all 8 domains (default: ${DEFAULT-VALUE}).")
    int memories;

    @Option(names = "--days", defaultValue = "180", paramLabel = "N", description = "Days the sessions spread over, "
            + "14 to 3650 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2024-01-01", paramLabel = "DATE", description = "Date of day 0, "
            + "YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--domains", defaultValue = "8", paramLabel = "N", description = "How many of the 8 domains to "
            + "use, 1 to 8 (default: ${DEFAULT-VALUE}).")
    int domains;

    @Option(names = "--pattern-share", defaultValue = "0.15", paramLabel = "P", description = "Probability that a "
            + "memory is a good practice, 0 to 0.9 (default: ${DEFAULT-VALUE}).")
    double patternShare;

    @Option(names = "--recurring-share", defaultValue = "0.3", paramLabel = "P", description = "Probability that a "
            + "problem lesson comes back as queries, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double recurringShare;

    @Option(names = "--stale-share", defaultValue = "0.25", paramLabel = "P", description = "Probability that a "
            + "recurring lesson is later superseded by a newer one, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double staleShare;

    @Option(names = "--max-recurrences", defaultValue = "4", paramLabel = "N", description = "Most times a problem "
            + "comes back, 1 to 20 (default: ${DEFAULT-VALUE}).")
    int maxRecurrences;

    @Override
    public Integer call() throws IOException {
        WorkloadParameters parameters = new WorkloadParameters(seed, sessions, memories, days, startDate(), domains,
                patternShare, recurringShare, staleShare, maxRecurrences);
        checkFolder();
        GeneratedWorkload workload = new WorkloadGenerator().generate(parameters);
        WorkloadWriter.write(workload, out);
        spec.commandLine().getOut().printf("Wrote %d memories and %d queries to %s (see %s there)%n", workload
                .memories().size(), workload.queries().size(), out, WorkloadWriter.README);
        return 0;
    }

    private LocalDate startDate() {
        try {
            return LocalDate.parse(start.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be a date written YYYY-MM-DD, got '" + start + "'");
        }
    }

    /** Rejects a folder that contains files of the same names not written by this command, such as a real dataset's README. */
    private void checkFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; give a folder");
        }
        boolean ours = WorkloadWriter.isGenerated(out.resolve(WorkloadWriter.MEMORIES));
        for (String name : List.of(WorkloadWriter.MEMORIES, WorkloadWriter.QUERIES, WorkloadWriter.README)) {
            if (Files.exists(out.resolve(name)) && !ours) {
                throw new IllegalArgumentException("--out " + out + " already contains " + name + ", which scms eval "
                        + "generate did not write; choose an empty or new folder");
            }
        }
    }
}
