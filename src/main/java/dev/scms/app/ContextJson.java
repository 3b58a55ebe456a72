package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.core.ContextBlock;
import dev.scms.core.ContextItem;
import dev.scms.model.Memory;
import dev.scms.router.ScoreBreakdown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders what {@code scms context} prints as JSON: the structured block for {@code --json}, and
 * the output Claude Code reads from a {@code SessionStart} or {@code UserPromptSubmit} hook. No
 * value is ever null: absent facts are left out.
 */
final class ContextJson {

    /**
     * Maximum length of the text in a hook output. A longer block is cut and ends with a note.
     * NOTE: this is not a documented limit. It follows a published test of Claude Code 2.x hooks,
     * in which 10,000 characters of additionalContext arrived whole and 50,000 became a preview.
     */
    static final int MAX_HOOK_CHARS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContextJson() {
    }

    /** Returns the hook output that adds {@code text} to the context of the event, on one line. */
    static String hookOutput(HookInput.Event event, String text) {
        Map<String, Object> specific = new LinkedHashMap<>();
        specific.put("hookEventName", event.wireName());
        specific.put("additionalContext", cut(text));
        return write(Map.of("hookSpecificOutput", specific));
    }

    static String block(ContextBlock block, String markdown) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("project", block.project().value());
        map.put("mode", block.mode());
        block.retrievalId().ifPresent(id -> map.put("retrieval_id", id));
        block.notice().ifPresent(notice -> map.put("notice", notice));
        map.put("rules", items(block.rules()));
        map.put("patterns", items(block.patterns()));
        map.put("warnings", block.warnings());
        map.put("omitted_rules", block.omittedRules());
        map.put("estimated_tokens", block.tokens());
        map.put("text", markdown);
        return write(map);
    }

    private static List<Map<String, Object>> items(List<ContextItem> items) {
        return items.stream().map(ContextJson::item).toList();
    }

    private static Map<String, Object> item(ContextItem item) {
        Memory memory = item.memory();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", memory.id());
        map.put("layer", memory.layer().name());
        map.put("kind", memory.kind().wireName());
        map.put("title", memory.title());
        map.put("scope", ContextMarkdown.scope(memory));
        map.put("text", item.text());
        map.put("truncated", item.truncated());
        map.put("helpful_count", memory.helpfulCount());
        map.put("occurrences", memory.occurrences());
        map.put("created_at", memory.createdAt().toString());
        memory.lastUsedAt().ifPresent(at -> map.put("last_used_at", at.toString()));
        memory.source().ifPresent(source -> map.put("source", source));
        item.breakdown().ifPresent(breakdown -> map.put("breakdown", breakdown(breakdown)));
        return map;
    }

    private static Map<String, Object> breakdown(ScoreBreakdown breakdown) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("score", round(breakdown.score()));
        map.put("rel", round(breakdown.rel()));
        map.put("cos", round(breakdown.cos()));
        map.put("bm25", round(breakdown.bm25()));
        map.put("temp", round(breakdown.temp()));
        map.put("use", round(breakdown.use()));
        map.put("lb", round(breakdown.lb()));
        return map;
    }

    private static String cut(String text) {
        String note = "\n(cut to " + MAX_HOOK_CHARS + " characters)\n";
        if (text.length() <= MAX_HOOK_CHARS) {
            return text;
        }
        return dev.scms.core.Texts.truncate(text, MAX_HOOK_CHARS - note.length()) + note;
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing context JSON failed: " + e.getOriginalMessage(), e);
        }
    }
}
