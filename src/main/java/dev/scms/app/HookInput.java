package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.core.Texts;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON that Claude Code passes on stdin to a {@code SessionStart} or {@code UserPromptSubmit}
 * command hook: the event, the session id, the working folder ({@code cwd}), the prompt
 * (UserPromptSubmit) and the source (SessionStart: startup, resume, clear or compact).
 *
 * <p>VS Code runs the same hooks from {@code .claude/settings.json} and spells the event and session
 * fields {@code hookEventName} and {@code sessionId}, so both spellings are read. Fields of
 * another type than text count as absent.
 */
record HookInput(Event event, String sessionId, Optional<Path> cwd, Optional<String> prompt, Optional<String> source) {

    /** The hook events this command handles. */
    enum Event {
        SESSION_START("SessionStart"),
        USER_PROMPT_SUBMIT("UserPromptSubmit");

        private final String wireName;

        Event(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Optional<Event> parse(String name) {
            for (Event event : values()) {
                if (event.wireName.equals(name)) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    HookInput {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Parses hook input. A missing or relative {@code cwd} is left empty, so the caller falls back
     * to its working folder, which Claude Code sets to the project folder.
     *
     * @throws IllegalArgumentException if the text is not a JSON object or names no known event
     */
    static HookInput parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hook input is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("hook input is not a JSON object");
        }
        String name = text(root, "hook_event_name", "hookEventName").orElse("");
        Event event = Event.parse(name).orElseThrow(() -> new IllegalArgumentException("hook input has event '"
                + name + "'; register scms context --hook claude for SessionStart or UserPromptSubmit only"));
        return new HookInput(event, text(root, "session_id", "sessionId").orElse(""),
                text(root, "cwd").flatMap(HookInput::absolutePath), text(root, "prompt"), text(root, "source"));
    }

    private static Optional<String> text(JsonNode root, String... names) {
        for (String name : names) {
            JsonNode node = root.get(name);
            if (node != null && node.isTextual()) {
                return Optional.of(Texts.sanitise(node.asText()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> absolutePath(String text) {
        try {
            Path path = Path.of(text);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
