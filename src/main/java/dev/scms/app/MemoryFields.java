package dev.scms.app;

import dev.scms.model.Memory;
import dev.scms.store.Promotion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of a memory as the commands print them with {@code --json}; absent values are left out, never null. */
final class MemoryFields {

    private MemoryFields() {
    }

    /** Returns the fields a listing shows: identity, scope, status, counts and dates, without the text. */
    static Map<String, Object> summary(Memory memory) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", memory.id());
        map.put("layer", memory.layer().name());
        map.put("kind", memory.kind().wireName());
        map.put("title", memory.title());
        memory.project().ifPresent(project -> map.put("project", project.value()));
        map.put("scope", scope(memory));
        map.put("status", memory.status().wireName());
        if (!memory.domain().isEmpty()) {
            map.put("domain", memory.domain());
        }
        map.put("tags", memory.tags());
        map.put("importance", memory.importance());
        map.put("helpful_count", memory.helpfulCount());
        map.put("unhelpful_count", memory.unhelpfulCount());
        map.put("retrieval_count", memory.retrievalCount());
        map.put("occurrences", memory.occurrences());
        map.put("created_at", memory.createdAt().toString());
        map.put("updated_at", memory.updatedAt().toString());
        memory.lastUsedAt().ifPresent(at -> map.put("last_used_at", at.toString()));
        return map;
    }

    /** Returns every field of a memory: the summary, its text, provenance, extra details and promotions. */
    static Map<String, Object> full(Memory memory, List<Promotion> promotions) {
        Map<String, Object> map = summary(memory);
        map.put("text", memory.body());
        memory.source().ifPresent(source -> map.put("source", source));
        memory.externalId().ifPresent(id -> map.put("external_id", id));
        if (!memory.details().isEmpty()) {
            map.put("details", new java.util.TreeMap<>(memory.details()));
        }
        if (!promotions.isEmpty()) {
            map.put("promotions", promotions.stream().map(MemoryFields::promotion).toList());
        }
        return map;
    }

    static Map<String, Object> promotion(Promotion promotion) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pattern_id", promotion.patternId());
        map.put("rule_id", promotion.ruleId());
        map.put("project", promotion.project().value());
        map.put("policy", promotion.policy());
        map.put("at", promotion.at().toString());
        map.put("evidence", new java.util.TreeMap<>(promotion.evidence()));
        return map;
    }

    static String scope(Memory memory) {
        return memory.project().map(key -> "project " + key.value()).orElse("global");
    }
}
