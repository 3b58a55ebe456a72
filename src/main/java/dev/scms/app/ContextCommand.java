package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.ContextBlock;
import dev.scms.core.ContextRequest;
import dev.scms.core.ProjectContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Prints the context block for a prompt: the project's rules and the patterns and failures the
 * router ranks for the prompt. With {@code --hook claude} it reads Claude Code's hook input on
 * stdin and writes the hook's JSON output. In that mode every exception and error, invalid
 * arguments included, ends as one line on stderr, an empty stdout and exit code 0, so that the
 * prompt always goes on.
 */
@Command(name = "context", mixinStandardHelpOptions = true, description = "Print the project's rules and the "
        + "patterns and failures relevant to a prompt, as Markdown, as JSON, or as the output of a Claude Code "
        + "SessionStart or UserPromptSubmit hook. Without a prompt it prints the rules and the most used patterns.")
final class ContextCommand implements Callable<Integer> {

    /** Maximum size of the input read; a longer one is rejected as a whole, and the prompt goes on without context. */
    static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;

    /** Default time from process start after which a retrieval stops waiting for the model. */
    static final int DEFAULT_TIMEOUT_MS = 1500;

    @Mixin
    SettingsOptions settings;

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR|NAME", description = "Project folder or name (default: the "
            + "project setting, else the working folder). A hook uses the cwd of its input.")
    String project;

    @Option(names = "--query", paramLabel = "TEXT", description = "The prompt; without it the text on stdin is "
            + "read, unless stdin is a terminal. Without any text: the rules and the most used patterns.")
    String query;

    @Option(names = "-k", paramLabel = "N", description = "Number of patterns and failures, 1-20 (default: the k "
            + "setting, 5).")
    Integer k;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Token budget of the whole block (default: the "
            + "max_tokens setting, 2000).")
    Integer maxTokens;

    @Option(names = "--json", description = "Print the block as JSON, with the Markdown under \"text\".")
    boolean json;

    @Option(names = "--hook", paramLabel = "CLIENT", description = "Answer a hook of this client: claude (Claude "
            + "Code SessionStart and UserPromptSubmit input on stdin).")
    String hook;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Milliseconds from process start after which "
            + "ranking stops waiting for the embedding model and uses full-text search alone (default: "
            + DEFAULT_TIMEOUT_MS + "; never longer than the model_wait_ms setting).")
    Integer timeoutMs;

    @Override
    public Integer call() throws IOException {
        if (hook != null) {
            return new HookRun(this).run();
        }
        Settings loaded = settings.mergedOver(parent.settings).load(Optional.ofNullable(project)
                .flatMap(ContextCommand::folder));
        Logging.start(loaded.home(), "WARN");
        Optional<String> text = Optional.ofNullable(query).or(ContextCommand::stdinUnlessTerminal);
        ContextRequest request = request(loaded, text, Optional.ofNullable(project), "");
        ContextRuntime runtime = ContextRuntime.open(loaded, Clock.systemUTC(), modelDeadline(),
                request.query().isPresent());
        try (runtime) {
            ContextBlock block = runtime.build(request, projectContext(loaded, Path.of("").toAbsolutePath()));
            PrintWriter out = spec.commandLine().getOut();
            String markdown = ContextMarkdown.render(block);
            out.print(json ? ContextJson.block(block, markdown) + "\n" : markdown);
            out.flush();
        } catch (RuntimeException e) {
            if (runtime.modelAbandoned()) {
                spec.commandLine().getErr().println("scms: " + e.getMessage());
                ProcessHalt.now(ErrorHandler.FAILURE);
            }
            throw e;
        }
        if (runtime.modelAbandoned()) {
            ProcessHalt.now(0);
        }
        return 0;
    }

    ContextRequest request(Settings loaded, Optional<String> text, Optional<String> projectArgument, String session) {
        return new ContextRequest(text, projectArgument, k == null ? loaded.defaultK() : k,
                maxTokens == null ? loaded.maxTokens() : maxTokens, session);
    }

    static ProjectContext projectContext(Settings loaded, Path workingFolder) {
        return new ProjectContext(List::of, loaded.project(), workingFolder);
    }

    /** Returns the {@link System#nanoTime()} at which {@code --timeout-ms} after process start ends. */
    long modelDeadline() {
        int timeout = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        if (timeout < 0) {
            throw new IllegalArgumentException("--timeout-ms must be 0 or more, got " + timeout);
        }
        Instant start = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        long elapsed = Math.max(0, Duration.between(start, Instant.now()).toNanos());
        return System.nanoTime() + Duration.ofMillis(timeout).toNanos() - elapsed;
    }

    /** Returns the folder a {@code --project} names, whose project settings file applies; empty for a name. */
    private static Optional<Path> folder(String project) {
        try {
            String expanded = project.startsWith("~/") ? System.getProperty("user.home") + project.substring(1)
                    : project;
            Path path = Path.of(expanded);
            return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> stdinUnlessTerminal() {
        if (System.console() != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BoundedInput.read(System.in, MAX_INPUT_BYTES));
        } catch (IOException e) {
            throw new IllegalArgumentException("reading the prompt from stdin failed: " + e.getMessage()
                    + "; pass it with --query instead", e);
        }
    }

    /** One hook call: reads the input, writes the output on the real stdout, and turns every failure into exit 0. */
    private static final class HookRun {

        private final ContextCommand command;
        private ContextRuntime runtime;

        HookRun(ContextCommand command) {
            this.command = command;
        }

        int run() {
            ServerStreams.claimStdout();
            try {
                respond();
            } catch (Exception | Error e) {
                // A hook must never break the prompt, so every failure ends here as one line and exit 0.
                System.err.println("scms context: " + e.getMessage());
            }
            if (runtime != null && runtime.modelAbandoned()) {
                ProcessHalt.now(0);
            }
            return 0;
        }

        private void respond() throws IOException {
            if (!"claude".equals(command.hook)) {
                throw new IllegalArgumentException("unknown --hook '" + command.hook + "'; use claude");
            }
            HookInput input = HookInput.parse(BoundedInput.read(System.in, MAX_INPUT_BYTES));
            Settings loaded = command.settings.mergedOver(command.parent.settings).load(input.cwd());
            Logging.start(loaded.home(), "OFF");
            Path folder = input.cwd().orElseGet(() -> Path.of("").toAbsolutePath());
            Optional<String> prompt = input.event() == HookInput.Event.USER_PROMPT_SUBMIT ? input.prompt()
                    : Optional.empty();
            ContextRequest request = command.request(loaded, prompt, input.cwd().map(Path::toString),
                    input.sessionId());
            ContextRuntime opened = ContextRuntime.open(loaded, Clock.systemUTC(), command.modelDeadline(),
                    request.query().isPresent());
            runtime = opened;
            try (opened) {
                ContextBlock block = opened.build(request, projectContext(loaded, folder));
                if (!block.isEmpty()) {
                    write(ContextJson.hookOutput(input.event(), ContextMarkdown.render(block)) + "\n");
                }
            }
        }

        private static void write(String output) throws IOException {
            OutputStream out = ServerStreams.protocolOut();
            out.write(output.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
