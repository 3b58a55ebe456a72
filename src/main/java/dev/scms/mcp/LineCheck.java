package dev.scms.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scms.config.EchoedText;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what happens to one input line before the SDK reads it: pass it on (possibly
 * repaired), reply with a JSON-RPC error, or drop it. The SDK's transport (2.2.0) stops
 * for good at the first message it cannot read, so only well-formed JSON-RPC 2.0 passes.
 *
 * <p>An error reply needs the request's id; where no id can be read, the line is dropped with
 * a warning on stderr, because a reply that matches no request helps no client.
 */
final class LineCheck {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    private static final Set<String> BEFORE_INITIALIZE = Set.of("initialize", "ping");
    /** Characters searched for the id at each end of a message that cannot be parsed. */
    static final int SNIFF_CHARS = 4096;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"(?:[^\"\\\\]){0,200}\"|-?\\d{1,18})[\\s,}]");

    private final ObjectMapper json;
    private final Set<String> tools;
    private final Set<String> prompts;
    private boolean initializeSeen;
    /** Whether notifications/initialized arrived, or a request after initialize implied it. */
    private boolean initializedSeen;

    /** Creates a check without tool names, which leaves unknown tools to the SDK. */
    LineCheck() {
        this(Set.of());
    }

    /** Creates a check that rejects calls of tools other than {@code tools}, naming the tool. */
    LineCheck(Set<String> tools) {
        this(tools, Set.of());
    }

    /**
     * Creates a check that rejects calls of tools other than {@code tools} and requests for
     * prompts other than {@code prompts}, naming the tool or prompt. The SDK's own error for an
     * unknown prompt (2.2.0) gives the name only in its data.
     */
    LineCheck(Set<String> tools, Set<String> prompts) {
        this.tools = Set.copyOf(tools);
        this.prompts = Set.copyOf(prompts);
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    /**
     * The decision on one line: exactly one of {@code forward} and {@code reply} is set, or
     * neither (drop). {@code repaired} is true when the forwarded message differs from the line.
     * {@code reason} is empty for a forwarded message and for a reply that is no error.
     * {@code initializedFirst} is true when a notifications/initialized message must be forwarded
     * before the message, because the client sent a request without it.
     */
    record Verdict(Optional<JsonNode> forward, boolean repaired, Optional<String> reply, String reason,
            boolean initializedFirst) {

        Verdict(Optional<JsonNode> forward, boolean repaired, Optional<String> reply, String reason) {
            this(forward, repaired, reply, reason, false);
        }

        static Verdict forward(JsonNode message, boolean repaired) {
            return new Verdict(Optional.of(message), repaired, Optional.empty(), "");
        }

        Verdict withInitializedFirst() {
            return new Verdict(forward, repaired, reply, reason, forward.isPresent());
        }

        static Verdict drop(String reason) {
            return new Verdict(Optional.empty(), false, Optional.empty(), reason);
        }
    }

    /** Checks a line that could not be decoded or was too long; {@code text} is what could be read of it. */
    Verdict unreadable(String text, int code, String message) {
        return replyOrDrop(sniffId(text), code, message);
    }

    Verdict check(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return replyOrDrop(sniffId(text), PARSE_ERROR, "Parse error: the message is not valid JSON" + where);
        }

        if (node != null && node.isArray()) {
            return rejectBatch(node);
        }
        if (node == null || !node.isObject()) {
            return Verdict.drop("not a JSON object");
        }
        ObjectNode message = (ObjectNode) node;
        Optional<JsonNode> id = Optional.ofNullable(message.get("id")).filter(LineCheck::usableId);
        if (message.has("id") && id.isEmpty()) {
            JsonNode raw = message.get("id");
            return raw.isIntegralNumber() ? replyOrDrop(Optional.of(raw), INVALID_REQUEST,
                    "Invalid Request: the id must fit in 64 bits") : Verdict.drop("id must be a string or an integer");
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
            return replyOrDrop(id, INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }

        JsonNode method = message.get("method");
        if (method == null) {
            return message.has("result") || message.has("error") ? Verdict.forward(message, false)
                    : replyOrDrop(id, INVALID_REQUEST, "Invalid Request: a method is required");
        }
        if (!method.isTextual()) {
            return replyOrDrop(id, INVALID_REQUEST, "Invalid Request: the method must be a string");
        }
        return checkMethod(message, method.asText(), id);
    }

    /**
     * Checks a message with a method. The SDK (2.2.0) queues every request after initialize until
     * notifications/initialized arrives, and replies to none if it never comes. MCP 2025-06-18
     * only requires clients to wait for the initialize reply, so a request after initialize counts
     * as the notification, and the verdict forwards one first.
     */
    private Verdict checkMethod(ObjectNode message, String method, Optional<JsonNode> id) {
        if (id.isPresent() && !initializeSeen && !BEFORE_INITIALIZE.contains(method)) {
            return replyOrDrop(id, INVALID_REQUEST, "Invalid Request: send initialize before " + method);
        }
        if (id.isPresent() && !initializedSeen && method.equals("ping")) {
            // The SDK delays a ping until the session is initialized, but the protocol allows it at any time.
            return new Verdict(Optional.empty(), false, Optional.of(result(id.get())), "");
        }
        if (method.equals("notifications/initialized")) {
            initializedSeen |= initializeSeen;
            return Verdict.forward(message, false);
        }
        if (id.isPresent() && initializeSeen && !initializedSeen && !method.equals("initialize")) {
            initializedSeen = true;
            return checkRequest(message, method, id).withInitializedFirst();
        }
        return checkRequest(message, method, id);
    }

    private Verdict checkRequest(ObjectNode message, String method, Optional<JsonNode> id) {
        if (method.equals("initialize") && !message.path("params").isObject()) {
            return replyOrDrop(id, INVALID_PARAMS, "Invalid params: initialize needs params with protocolVersion, "
                    + "capabilities and clientInfo");
        }
        initializeSeen |= method.equals("initialize");
        if (method.equals("tools/call")) {
            String before = message.toString();
            Optional<String> problem = ToolCallParams.repair(message, json);
            if (problem.isPresent()) {
                return replyOrDrop(id, INVALID_PARAMS, "Invalid params: " + problem.get());
            }
            String tool = message.at("/params/name").asText();
            if (!tools.isEmpty() && !tools.contains(tool)) {
                return replyOrDrop(id, INVALID_PARAMS, "Unknown tool: " + EchoedText.quote(tool) + "; the tools are "
                        + String.join(", ", new java.util.TreeSet<>(tools)));
            }
            return Verdict.forward(message, !before.equals(message.toString()));
        }
        if (method.equals("prompts/get")) {
            return checkPrompt(message, id);
        }
        return Verdict.forward(message, false);
    }

    private Verdict checkPrompt(ObjectNode message, Optional<JsonNode> id) {
        JsonNode name = message.at("/params/name");
        if (prompts.isEmpty() || !name.isTextual() || prompts.contains(name.asText())) {
            return Verdict.forward(message, false);
        }
        return replyOrDrop(id, INVALID_PARAMS, "Unknown prompt: " + name.asText() + "; the prompts are "
                + String.join(", ", new java.util.TreeSet<>(prompts)));
    }

    private Verdict replyOrDrop(Optional<JsonNode> id, int code, String message) {
        if (id.isEmpty()) {
            return Verdict.drop(message);
        }
        ObjectNode reply = json.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id.get());
        ObjectNode error = reply.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return new Verdict(Optional.empty(), false, Optional.of(reply.toString()), message);
    }

    /** Replies to each request of a batch, which MCP over stdio does not accept, with an error of its own. */
    private Verdict rejectBatch(JsonNode batch) {
        java.util.List<String> replies = new java.util.ArrayList<>();
        for (JsonNode element : batch) {
            Optional<JsonNode> id = Optional.ofNullable(element.get("id")).filter(LineCheck::usableId);
            replyOrDrop(id, INVALID_REQUEST, "Invalid Request: batches are not supported; send one message per "
                    + "line").reply().ifPresent(replies::add);
        }
        if (replies.isEmpty()) {
            return Verdict.drop("a batch without request ids");
        }
        return new Verdict(Optional.empty(), false, Optional.of(String.join("\n", replies)), "a batch");
    }

    private String result(JsonNode id) {
        ObjectNode reply = json.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("result");
        return reply.toString();
    }

    /**
     * Finds the id of a message that cannot be parsed: the first {@code "id"} in its first
     * {@link #SNIFF_CHARS} characters, else the last one in its last {@link #SNIFF_CHARS}, because
     * clients serialize the id either before or after the params.
     */
    private Optional<JsonNode> sniffId(String text) {
        Matcher head = ID.matcher(text.substring(0, Math.min(text.length(), SNIFF_CHARS)));
        if (head.find()) {
            return parsedId(head.group(1));
        }
        Matcher tail = ID.matcher(text.substring(Math.max(0, text.length() - SNIFF_CHARS)));
        String last = null;
        while (tail.find()) {
            last = tail.group(1);
        }
        return last == null ? Optional.empty() : parsedId(last);
    }

    private Optional<JsonNode> parsedId(String idText) {
        try {
            return Optional.of(json.readTree(idText));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static boolean usableId(JsonNode id) {
        return id.isTextual() || id.isIntegralNumber() && id.canConvertToLong();
    }
}
