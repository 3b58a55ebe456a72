package dev.scms.mcp;

import dev.scms.config.EchoedText;
import dev.scms.config.Settings;
import dev.scms.core.FailureRequest;
import dev.scms.core.Forgetter;
import dev.scms.core.InvalidInputException;
import dev.scms.core.PromoteRequest;
import dev.scms.core.RememberRequest;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.Scms;
import dev.scms.core.UseRequest;
import dev.scms.mcp.CallScopes.Call;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.Outcome;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** The seven tools: each parses its arguments, calls one use case and renders the result. */
public final class ScmsTools {

    private final Scms scms;
    private final Settings settings;
    private final CallScopes scopes;
    private final McpJsonMapper mapper;

    public ScmsTools(Scms scms, Settings settings, Path workingFolder, McpJsonMapper mapper) {
        this(scms, settings, new CallScopes(scms, settings, workingFolder), mapper);
    }

    ScmsTools(Scms scms, Settings settings, CallScopes scopes, McpJsonMapper mapper) {
        this.scms = scms;
        this.settings = settings;
        this.scopes = scopes;
        this.mapper = mapper;
    }

    public List<SyncToolSpecification> specifications() {
        return List.of(
                tool("retrieve_memories", ToolDescriptions.RETRIEVE, ToolSchemas.RETRIEVE, this::retrieve),
                tool("record_use", ToolDescriptions.RECORD_USE, ToolSchemas.RECORD_USE, this::recordUse),
                tool("promote", ToolDescriptions.PROMOTE, ToolSchemas.PROMOTE, this::promote),
                tool("log_failure", ToolDescriptions.LOG_FAILURE, ToolSchemas.LOG_FAILURE, this::logFailure),
                tool("remember", ToolDescriptions.REMEMBER, ToolSchemas.REMEMBER, this::remember),
                tool("forget", ToolDescriptions.FORGET, ToolSchemas.FORGET, this::forget),
                tool("memory_stats", ToolDescriptions.STATS, ToolSchemas.STATS, this::stats));
    }

    /** Forgets the cached roots of the exchange's session, after its client announced that they changed. */
    public void rootsChanged(McpSyncServerExchange exchange) {
        scopes.rootsChanged(exchange);
    }

    private SyncToolSpecification tool(String name, String description, String schema,
            BiFunction<Arguments, Call, ToolOutput> handler) {
        Tool tool = Tool.builder(name, mapper, schema).description(description).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> call(name, handler,
                exchange, request)).build();
    }

    private CallToolResult call(String name, BiFunction<Arguments, Call, ToolOutput> handler,
            McpSyncServerExchange exchange, CallToolRequest request) {
        try {
            Call call = scopes.of(exchange);
            ToolOutput output = handler.apply(new Arguments(request.arguments()), call);
            return CallToolResult.builder().addTextContent(output.markdown()).structuredContent(output.structured())
                    .isError(false).build();
        } catch (Throwable failure) {
            // Any Throwable, Errors included: an escaping Error would leave the client waiting forever.
            return ToolFailures.toResult(name, failure);
        }
    }

    private ToolOutput retrieve(Arguments args, Call call) {
        RetrieveRequest request = new RetrieveRequest(
                args.requiredString("query", "describe the task or paste the error message"),
                args.string("project"),
                args.integer("k", 1, RetrieveRequest.MAX_K).orElse(settings.defaultK()),
                new HashSet<>(args.parsedList("layers", Layer::parse, "L0, L1")),
                new HashSet<>(args.parsedList("kinds", Kind::parse, Kind.wireNames(Kind.values()))),
                args.integer("max_tokens", RetrieveRequest.MIN_MAX_TOKENS, RetrieveRequest.MAX_MAX_TOKENS)
                        .orElse(settings.maxTokens()),
                call.session());
        var result = scms.retrieve(request, call.context(), ResultViews::retrieveLength);
        return new ToolOutput(ResultViews.retrieveMarkdown(result), ResultViews.retrieve(result));
    }

    private ToolOutput recordUse(Arguments args, Call call) {
        Outcome outcome = args.string("outcome").map(text -> Outcome.parse(text).orElseThrow(
                () -> new InvalidInputException("outcome", "must be helpful or not_helpful, got " + EchoedText.quote(text))))
                .orElse(Outcome.HELPFUL);
        UseRequest request = new UseRequest(args.requiredId("memory_id", "pass the id of the memory you applied"),
                outcome, args.id("retrieval_id"), user(args, call), args.string("project"),
                args.string("note").orElse(""), call.session());
        var result = scms.recordUse(request, call.context());
        return new ToolOutput(ResultViews.useMarkdown(result), ResultViews.use(result));
    }

    /**
     * Returns the user a use is recorded for. Over HTTP it is the user of the request's token, and
     * a {@code user} argument that names anyone else is rejected, so that no client can count
     * towards the team consensus in another person's name. Over stdio it is the argument, if any.
     */
    private static Optional<String> user(Arguments args, Call call) {
        Optional<String> argument = args.string("user").map(String::strip).filter(name -> !name.isEmpty());
        if (call.authenticatedUser().isEmpty()) {
            return argument;
        }
        String authenticated = call.authenticatedUser().get();
        if (argument.isPresent() && !argument.get().equals(authenticated)) {
            throw new InvalidInputException("user", EchoedText.quote(argument.get()) + " is not the user of this"
                    + " request's token, " + authenticated + "; leave user out, because the server records uses"
                    + " for the token's user");
        }
        return Optional.of(authenticated);
    }

    private ToolOutput promote(Arguments args, Call call) {
        PromoteRequest request = new PromoteRequest(args.requiredId("memory_id", "pass the id of the L0 pattern"),
                args.string("project"), args.string("rule"), args.bool("force").orElse(false),
                Optional.of(call.authenticatedUser().orElse(settings.user())));
        var result = scms.promote(request, call.context());
        return new ToolOutput(ResultViews.promoteMarkdown(result), ResultViews.promote(result));
    }

    private ToolOutput logFailure(Arguments args, Call call) {
        String kindText = args.requiredString("kind", "one of bug_pattern, anti_pattern, failed_approach, edge_case");
        Kind kind = Kind.parse(kindText).filter(Kind::isFailure).orElseThrow(() -> new InvalidInputException("kind",
                "must be one of bug_pattern, anti_pattern, failed_approach, edge_case, got " + EchoedText.quote(kindText)));
        FailureRequest request = new FailureRequest(kind,
                args.requiredString("title", "name the failure in 4-10 words"), args.string("symptom"),
                args.string("cause"), args.string("fix"), args.string("project"), args.string("domain").orElse(""),
                args.strings("tags"), args.bool("generalizable").orElse(true));
        var result = scms.logFailure(request, call.context(), call.session());
        return new ToolOutput(ResultViews.writeMarkdown(result), ResultViews.write(result));
    }

    private ToolOutput remember(Arguments args, Call call) {
        String kindText = args.string("kind").orElse("pattern");
        Kind kind = Kind.parse(kindText).filter(parsed -> parsed == Kind.PATTERN || parsed == Kind.RULE)
                .orElseThrow(() -> new InvalidInputException("kind", "must be pattern or rule, got "
                        + EchoedText.quote(kindText) + "; log failures with log_failure"));
        RememberRequest request = new RememberRequest(args.requiredString("text", "state the lesson in 1-3 sentences"),
                args.string("title"), kind, args.string("project"), args.string("domain").orElse(""),
                args.strings("tags"), args.number("importance", 0.0, 1.0).orElse(0.5), Map.of(), Optional.empty(),
                Optional.empty());
        var result = scms.remember(request, call.context());
        return new ToolOutput(ResultViews.writeMarkdown(result), ResultViews.write(result));
    }

    private ToolOutput forget(Arguments args, Call call) {
        Forgetter.Change change = scms.forgetter().forget(args.requiredId("memory_id",
                "pass the id of the memory to archive"), args.string("reason").orElse(""));
        Memory archived = change.memory();
        Map<String, Object> structured = new LinkedHashMap<>(MemoryView.summary(archived));
        List<String> files = change.rulesFiles().stream().map(outcome -> outcome.file().toString()).toList();
        if (!files.isEmpty()) {
            structured.put("rules_files_written", files);
        }
        return new ToolOutput("Archived memory " + archived.id() + " (" + MemoryView.inline(archived.title())
                + "). It no longer comes back in retrievals; `scms restore " + archived.id() + "` brings it back."
                + (files.isEmpty() ? "" : " Rules files re-written: " + String.join(", ", files) + "."), structured);
    }

    private ToolOutput stats(Arguments args, Call call) {
        var result = scms.stats(args.string("project"), call.context(), call.session());
        return new ToolOutput(StatsView.markdown(result), StatsView.structured(result));
    }
}
