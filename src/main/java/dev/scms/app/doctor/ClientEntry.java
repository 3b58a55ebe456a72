package dev.scms.app.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command an MCP client runs to start this installation, as an {@code mcpServers} entry and
 * as a {@code claude mcp add} line.
 *
 * @param command absolute path of {@code scripts/scms} or of the Java launcher
 * @param args the arguments after the command, ending with {@code serve}
 * @param env settings the entry passes as environment variables
 */
public record ClientEntry(String command, List<String> args, Map<String, String> env) {

    /**
     * JVM flags of {@code scripts/scms}: the first three keep JVM output off stdout, which carries the
     * protocol, and the others shorten the start and keep the heap sized to what the server uses.
     */
    static final List<String> JVM_FLAGS = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC", "-Xms64m", "-Xmx1g", "-XX:MinHeapFreeRatio=5",
            "-XX:MaxHeapFreeRatio=20", "--add-modules=jdk.incubator.vector");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public ClientEntry {
        Objects.requireNonNull(command, "command");
        args = List.copyOf(args);
        env = new LinkedHashMap<>(env);
    }

    /**
     * Returns the entry for the jar this program runs from: {@code scripts/scms serve} of the
     * checkout when the jar sits in its build folder and the script exists (not on Windows, where
     * the script cannot run), else the Java launcher with {@code -jar}.
     */
    public static ClientEntry forJar(Path jar, Path javaLauncher, boolean windows, Map<String, String> env) {
        Optional<Path> script = windows ? Optional.empty() : script(jar);
        if (script.isPresent()) {
            return new ClientEntry(script.get().toString(), List.of("serve"), env);
        }
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
        return new ClientEntry(javaLauncher.toString(), args, env);
    }

    private static Optional<Path> script(Path jar) {
        Path buildFolder = jar.toAbsolutePath().getParent();
        Path checkout = buildFolder == null ? null : buildFolder.getParent();
        if (checkout == null) {
            return Optional.empty();
        }
        Path script = checkout.resolve("scripts").resolve("scms");
        return Files.isRegularFile(script) && Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
    }

    /** Returns the {@code mcpServers} object with one entry named {@code scms}. */
    public Map<String, Object> mcpServers() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("command", command);
        entry.put("args", args);
        if (!env.isEmpty()) {
            entry.put("env", env);
        }
        return Map.of("mcpServers", Map.of("scms", entry));
    }

    /** Returns the Claude Code command that registers this entry for every project of the user. */
    public String claudeCommand() {
        StringBuilder line = new StringBuilder("claude mcp add --scope user");
        env.forEach((name, value) -> line.append(" -e ").append(quote(name + "=" + value)));
        line.append(" scms -- ").append(quote(command));
        args.forEach(arg -> line.append(' ').append(quote(arg)));
        return line.toString();
    }

    /** Quotes {@code text} for a POSIX shell when it contains anything but plainly safe characters. */
    static String quote(String text) {
        if (!text.isEmpty() && SHELL_SAFE.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
