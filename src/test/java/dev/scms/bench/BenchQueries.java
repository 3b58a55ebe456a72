package dev.scms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The benchmark's queries: the dataset's queries, then variants of them (cut to their first or
 * last words, with words left out or swapped) until the requested count, so that nearly every
 * timed query is distinct and no cache of query embeddings returns it. A variant keeps the
 * relevant ids of the query it comes from.
 */
final class BenchQueries {

    /** One query text and the external ids of the memories relevant to it. */
    record Query(String id, String text, Set<String> relevant) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_KEYWORD_LENGTH = 3;

    private static final List<UnaryOperator<List<String>>> VARIANTS = List.of(
            words -> words,
            words -> words.subList(0, Math.min(8, words.size())),
            words -> words.subList(Math.max(0, words.size() - 10), words.size()),
            BenchQueries::withoutEveryThird,
            BenchQueries::pairsSwapped,
            words -> words.subList(0, Math.min(14, words.size())),
            words -> words.subList(0, (words.size() + 1) / 2));

    private BenchQueries() {
    }

    static List<Query> read(Path file) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            Set<String> relevant = new HashSet<>();
            node.get("relevant").forEach(id -> relevant.add(id.asText()));
            queries.add(new Query(node.get("id").asText(), node.get("text").asText(), Set.copyOf(relevant)));
        }
        return queries;
    }

    /** Returns up to {@code count} distinct queries: the originals first, then their variants in turn. */
    static List<Query> timed(List<Query> originals, int count) {
        List<Query> queries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < VARIANTS.size() && queries.size() < count; v++) {
            for (Query original : originals) {
                if (queries.size() == count) {
                    break;
                }
                String text = String.join(" ", VARIANTS.get(v).apply(words(original.text())));
                if (seen.add(text)) {
                    queries.add(new Query(original.id() + (v == 0 ? "" : "-v" + v), text, original.relevant()));
                }
            }
        }
        return queries;
    }

    /** Returns {@code count} warm-up queries, each query's last six words, none of them a timed query. */
    static List<String> warmUp(List<Query> originals, List<Query> timed, int count) {
        Set<String> timedTexts = new HashSet<>();
        timed.forEach(query -> timedTexts.add(query.text()));
        List<String> warmUp = new ArrayList<>();
        for (int i = 0; warmUp.size() < count && i < originals.size() * 3; i++) {
            List<String> words = words(originals.get(i % originals.size()).text());
            int cut = 6 + i / originals.size();
            String text = String.join(" ", words.subList(Math.max(0, words.size() - cut), words.size()));
            if (!timedTexts.contains(text) && !warmUp.contains(text)) {
                warmUp.add(text);
            }
        }
        return warmUp;
    }

    /**
     * Counts, for every lower-case word of at least three letters or digits, the memories whose
     * title or text contains it.
     */
    static Map<String, Integer> documentFrequencies(List<String> memoryTexts) {
        Map<String, Integer> frequencies = new HashMap<>();
        for (String text : memoryTexts) {
            for (String token : new LinkedHashSet<>(tokens(text))) {
                frequencies.merge(token, 1, Integer::sum);
            }
        }
        return frequencies;
    }

    /**
     * Returns the query's rarest word among the memories: the token with the lowest document
     * frequency that occurs in at least one memory, the longer one on a tie, then the first in
     * alphabetical order. Empty when no word of the query occurs in any memory.
     */
    static Optional<String> keyword(String query, Map<String, Integer> frequencies) {
        return tokens(query).stream().distinct().filter(token -> frequencies.getOrDefault(token, 0) > 0)
                .min(Comparator.<String>comparingInt(frequencies::get)
                        .thenComparing(Comparator.comparingInt(String::length).reversed())
                        .thenComparing(Comparator.naturalOrder()));
    }

    static List<String> tokens(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(token -> token.length() >= MIN_KEYWORD_LENGTH).toList();
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    private static List<String> withoutEveryThird(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (i % 3 != 2) {
                kept.add(words.get(i));
            }
        }
        return kept;
    }

    private static List<String> pairsSwapped(List<String> words) {
        List<String> swapped = new ArrayList<>(words);
        for (int i = 0; i + 1 < swapped.size(); i += 2) {
            String first = swapped.get(i);
            swapped.set(i, swapped.get(i + 1));
            swapped.set(i + 1, first);
        }
        return swapped;
    }
}
