package dev.scms.mcp;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.InvalidInputException;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.RetrieveResult;
import dev.scms.core.Scms;
import dev.scms.mcp.CallScopes.Call;
import dev.scms.model.Kind;
import dev.scms.model.ProjectKey;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The prompts: {@code session_start} puts the project's rules and the memories for a task into
 * the conversation, and {@code failure_review} requests that the assistant log what it just fixed.
 *
 * <p>With a task, session_start runs the router as retrieve_memories does, over every kind except
 * rules, because it lists all rules on their own. Without one it returns the most used memories
 * of the project's scope. Either way the selection is logged as a retrieval of the calling
 * session and never counts as use.
 */
final class ScmsPrompts {

    static final String SESSION_START = "session_start";
    static final String FAILURE_REVIEW = "failure_review";

    private final Scms scms;
    private final Settings settings;
    private final CallScopes scopes;

    ScmsPrompts(Scms scms, Settings settings, CallScopes scopes) {
        this.scms = scms;
        this.settings = settings;
        this.scopes = scopes;
    }

    List<SyncPromptSpecification> specifications() {
        McpSchema.Prompt start = McpSchema.Prompt.builder(SESSION_START).title("Start a session with SCMS memory")
                .description("The project's rules plus the stored patterns and known failures most relevant to the "
                        + "task (without a task: the most used ones).")
                .arguments(List.of(
                        argument("task", "Task", "What you are about to do, in a sentence or two"),
                        argument("project", "Project", "Project name or folder (default: the client's root folder, "
                                + "else the project setting, else the server's folder)")))
                .build();
        McpSchema.Prompt review = McpSchema.Prompt.builder(FAILURE_REVIEW).title("Log the failure just fixed")
                .description("Asks the assistant to log the failure it just fixed with log_failure and to record "
                        + "the memories that helped with record_use.")
                .arguments(List.of(
                        argument("project", "Project", "Project name or folder (default as for session_start)"),
                        argument("summary", "Summary", "The failure in a sentence, if you want to name it")))
                .build();
        return List.of(
                new SyncPromptSpecification(start, (exchange, request) -> ResourceFailures.guard(SESSION_START,
                        () -> sessionStart(scopes.of(exchange), PromptArguments.of(SESSION_START,
                                request.arguments(), Set.of("task", "project"))))),
                new SyncPromptSpecification(review, (exchange, request) -> ResourceFailures.guard(FAILURE_REVIEW,
                        () -> failureReview(scopes.of(exchange), PromptArguments.of(FAILURE_REVIEW,
                                request.arguments(), Set.of("project", "summary"))))));
    }

    private GetPromptResult sessionStart(Call call, PromptArguments args) {
        ProjectKey project = scms.projects().resolve(args.get("project"), call.context());
        Optional<String> task = args.get("task");
        RetrieveResult result;
        if (task.isPresent()) {
            Set<Kind> kinds = EnumSet.allOf(Kind.class);
            kinds.remove(Kind.RULE);
            RetrieveRequest request = new RetrieveRequest(task.get(), Optional.of(project.value()),
                    settings.defaultK(), Set.of(), kinds, settings.maxTokens(), call.session());
            result = scms.retrieve(request, call.context(), ResultViews::retrieveLength);
        } else {
            result = scms.mostUsed(project, settings.defaultK(), settings.maxTokens(), call.session());
        }
        String rules = scms.rules().markdown(project);
        List<PromptMessage> messages = PromptTexts.sessionStart(project, task, rules, result).stream()
                .map(ScmsPrompts::userMessage).toList();
        return GetPromptResult.builder(messages).description("SCMS rules and memories for project "
                + project.value()).build();
    }

    private GetPromptResult failureReview(Call call, PromptArguments args) {
        ProjectKey project = scms.projects().resolve(args.get("project"), call.context());
        String text = PromptTexts.failureReview(project, args.get("summary"), scms.session(call.session()));
        return GetPromptResult.builder(List.of(userMessage(text))).description("Review and log the failure just "
                + "fixed in project " + project.value()).build();
    }

    private static PromptMessage userMessage(String text) {
        return PromptMessage.builder(McpSchema.Role.USER, McpSchema.TextContent.builder(text).build()).build();
    }

    private static PromptArgument argument(String name, String title, String description) {
        return PromptArgument.builder(name).title(title).description(description).required(false).build();
    }

    /** The arguments of one prompt request: only known names, text values, and blank meaning absent. */
    record PromptArguments(Map<String, String> values) {

        static PromptArguments of(String prompt, Map<String, Object> arguments, Set<String> known) {
            Map<String, String> values = new java.util.HashMap<>();
            for (Map.Entry<String, Object> entry : (arguments == null ? Map.<String, Object>of() : arguments)
                    .entrySet()) {
                if (!known.contains(entry.getKey())) {
                    throw new InvalidInputException(entry.getKey(), "is not an argument of " + prompt + "; its "
                            + "arguments are " + String.join(", ", new java.util.TreeSet<>(known)));
                }
                Object value = entry.getValue();
                if (value != null && !(value instanceof String)) {
                    throw new InvalidInputException(entry.getKey(), "must be text, got " + EchoedText.shorten(String.valueOf(value)));
                }
                if (value != null && !((String) value).isBlank()) {
                    values.put(entry.getKey(), ((String) value).strip());
                }
            }
            return new PromptArguments(Map.copyOf(values));
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }
    }
}
