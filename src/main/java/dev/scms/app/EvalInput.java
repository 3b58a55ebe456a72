package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.core.RememberRequest;
import dev.scms.eval.EvalQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the memories and queries of an evaluation set. Any of these problems stops the run: a
 * missing file, text that is not UTF-8, a line that is not valid JSON or lacks a required field,
 * a repeated memory id, or a relevant id that no memory has. The message names the file, the
 * line and what to fix.
 */
final class EvalInput {

    private final ObjectMapper json = new ObjectMapper();

    /** Reads up to {@code max} memories; {@code option} names the option that gave the file. */
    List<RememberRequest> readMemories(Path file, String option, int max) throws IOException {
        JsonLines format = new JsonLines();
        List<RememberRequest> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        forEachLine(file, option, (line, number) -> {
            if (result.size() >= max) {
                return;
            }
            RememberRequest memory;
            try {
                memory = format.parse(line, number, false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " " + e.getMessage() + "; fix the line and run again");
            }
            if (memory.externalId().isPresent() && !ids.add(memory.externalId().get())) {
                throw new IllegalArgumentException(file + " line " + number + ": the id '" + memory.externalId().get()
                        + "' appears twice; give every memory its own id");
            }
            result.add(memory);
        });
        return result;
    }

    List<EvalQuery> readQueries(Path file) throws IOException {
        List<EvalQuery> result = new ArrayList<>();
        forEachLine(file, "--queries", (line, number) -> result.add(parseQuery(file, line, number)));
        if (result.isEmpty()) {
            throw new IllegalArgumentException("queries file " + file + " contains no query; give a JSON-lines file with "
                    + "one query per line");
        }
        return result;
    }

    /** Checks that every relevant id of every query is the id of one of the memories. */
    static void checkRelevantIds(List<EvalQuery> queries, List<RememberRequest> memories, Path queryFile,
            Path memoryFile) {
        Set<String> ids = new HashSet<>();
        memories.forEach(memory -> memory.externalId().ifPresent(ids::add));
        for (EvalQuery query : queries) {
            for (String id : query.relevant()) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException(queryFile + ": query '" + query.id() + "' lists the relevant id '"
                            + id + "', which no memory in " + memoryFile + " has; fix the id or the memories file");
                }
            }
        }
    }

    private EvalQuery parseQuery(Path file, String line, int number) {
        String where = file + " line " + number + ": ";
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "not valid JSON (" + e.getOriginalMessage() + "); fix the line "
                    + "and run again");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + "expected a JSON object with id, text, relevant and date");
        }
        List<String> relevant = new ArrayList<>();
        node.path("relevant").forEach(id -> relevant.add(id.asText()));
        if (!node.path("text").isTextual() || node.get("text").asText().isBlank() || relevant.isEmpty()) {
            throw new IllegalArgumentException(where + "a query needs a non-empty 'text' and a non-empty 'relevant' "
                    + "list of memory ids");
        }
        String id = node.path("id").asText("");
        return new EvalQuery(id.isBlank() ? "q" + number : id, node.get("text").asText(), relevant, date(node.path(
                "date").asText(""), where));
    }

    private static Optional<Instant> date(String text, String where) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "'date' must be YYYY-MM-DD or an ISO-8601 instant, got '" + text
                    + "'");
        }
    }

    private interface LineHandler {
        void accept(String line, int number);
    }

    private static void forEachLine(Path file, String option, LineHandler handler) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file " + file + " given to " + option + " not found; check the path");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    handler.accept(line, number);
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file " + file + " given to " + option + " is not valid UTF-8; convert "
                    + "it and try again");
        }
    }
}
