package dev.scms.mcp;

import dev.scms.core.RetrievedMemory;
import dev.scms.model.Memory;
import dev.scms.router.ScoreBreakdown;
import dev.scms.text.MarkdownQuote;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders one memory as a structured map (no null values) and as quoted Markdown. */
final class MemoryView {

    private MemoryView() {
    }

    static Map<String, Object> summary(Memory memory) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", memory.id());
        map.put("layer", memory.layer().name());
        map.put("kind", memory.kind().wireName());
        map.put("title", memory.title());
        map.put("scope", scope(memory));
        map.put("status", memory.status().wireName());
        map.put("helpful_count", memory.helpfulCount());
        map.put("unhelpful_count", memory.unhelpfulCount());
        map.put("occurrences", memory.occurrences());
        map.put("created_at", memory.createdAt().toString());
        memory.lastUsedAt().ifPresent(at -> map.put("last_used_at", at.toString()));
        return map;
    }

    static Map<String, Object> retrieved(RetrievedMemory item) {
        Memory memory = item.memory();
        Map<String, Object> map = summary(memory);
        map.put("rank", item.rank());
        map.put("text", item.text());
        map.put("truncated", item.truncated());
        if (!memory.domain().isEmpty()) {
            map.put("domain", memory.domain());
        }
        map.put("tags", memory.tags());
        memory.source().ifPresent(source -> map.put("source", source));
        memory.externalId().ifPresent(id -> map.put("external_id", id));
        map.put("score", round(item.breakdown().score()));
        map.put("breakdown", breakdown(item.breakdown()));
        return map;
    }

    static Map<String, Object> breakdown(ScoreBreakdown breakdown) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rel", round(breakdown.rel()));
        map.put("cos", round(breakdown.cos()));
        map.put("bm25", round(breakdown.bm25()));
        map.put("temp", round(breakdown.temp()));
        map.put("use", round(breakdown.use()));
        map.put("lb", round(breakdown.lb()));
        return map;
    }

    /** Renders a memory as Markdown with its text in a block quote, so it reads as data, not instructions. */
    static String markdown(RetrievedMemory item) {
        Memory memory = item.memory();
        StringBuilder text = new StringBuilder();
        text.append(item.rank()).append(". **").append(inline(memory.title())).append("** (id ").append(memory.id())
                .append(", ").append(memory.kind().wireName()).append(", ").append(scope(memory)).append(")\n");
        for (String line : item.text().split("\\R", -1)) {
            text.append("   > ").append(MarkdownQuote.quotedLine(line)).append('\n');
        }
        if (item.truncated()) {
            text.append("   > (cut to fit the token budget)\n");
        }
        text.append("   ").append(provenance(memory)).append(" · score ").append(format(item.breakdown().score()))
                .append(" (rel ").append(format(item.breakdown().rel())).append(", temp ")
                .append(format(item.breakdown().temp())).append(", use ").append(format(item.breakdown().use()))
                .append(")\n");
        return text.toString();
    }

    static String scope(Memory memory) {
        return memory.project().map(key -> "project " + key.value()).orElse("global");
    }

    private static String provenance(Memory memory) {
        List<String> parts = new java.util.ArrayList<>();
        parts.add("created " + memory.createdAt().toString().substring(0, 10));
        memory.lastUsedAt().ifPresent(at -> parts.add("last used " + at.toString().substring(0, 10)));
        parts.add(ResultViews.count(memory.helpfulCount(), "helpful use"));
        if (memory.occurrences() > 1) {
            parts.add("seen " + memory.occurrences() + " times");
        }
        memory.source().ifPresent(source -> parts.add("source " + inline(source)));
        return String.join(" · ", parts);
    }

    /** Prepares stored text that appears outside a quote, such as a title, as {@link MarkdownQuote#inline} does. */
    static String inline(String text) {
        return MarkdownQuote.inline(text);
    }

    static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
