package dev.scms.app;

import dev.scms.core.RememberRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the memories of an import file, or of stdin for {@code -}, in either exchange format.
 * Invalid memories are collected as messages naming their line, so the caller can report them
 * all. The input must be valid UTF-8, and a byte order mark at its start is skipped.
 */
final class ImportReader {

    private final JsonLines jsonLines = new JsonLines();
    private final MarkdownMemories markdown = new MarkdownMemories();
    private final boolean projectScope;
    private final Map<String, Integer> firstLines = new HashMap<>();

    ImportReader(boolean projectScope) {
        this.projectScope = projectScope;
    }

    /** Adds the valid memories of {@code file} to {@code requests} and returns the errors of the others. */
    List<String> read(String file, ExchangeFormat format, List<RememberRequest> requests) throws IOException {
        try (InputStream input = open(file)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(input, strictUtf8()));
            skipByteOrderMark(reader);
            return format == ExchangeFormat.MARKDOWN ? readMarkdown(file, reader, requests)
                    : readLines(reader, requests);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file " + file + " is not valid UTF-8; convert it and try again");
        }
    }

    private static InputStream open(String file) throws IOException {
        if (file.equals("-")) {
            return System.in;
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(file + " is a folder; give the path of a file that export wrote, e.g. "
                    + path.resolve("memories.jsonl"));
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("file " + file + " not found");
        }
        return Files.newInputStream(path);
    }

    private List<String> readLines(BufferedReader reader, List<RememberRequest> requests) throws IOException {
        List<String> errors = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                add(jsonLines.parse(line, number, projectScope), number, requests);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /**
     * Reads a Markdown document. A document with no {@code ## } heading that is not an empty
     * export is rejected as a whole, because it cannot be a file that export wrote.
     */
    private List<String> readMarkdown(String file, BufferedReader reader, List<RememberRequest> requests)
            throws IOException {
        StringBuilder document = new StringBuilder();
        char[] buffer = new char[8192];
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
            document.append(buffer, 0, read);
        }
        MarkdownMemories.Document parsed = markdown.read(document.toString());
        if (parsed.entries().isEmpty() && parsed.errors().isEmpty()
                && !document.toString().startsWith(MarkdownMemories.TITLE)) {
            throw new IllegalArgumentException("file " + file + " contains no memories in the Markdown export format: no "
                    + "line starts with '## '; give each memory a '## ' heading, or pass --format jsonl for JSON lines");
        }
        List<MarkdownMemories.Problem> errors = new ArrayList<>(parsed.errors());
        for (MarkdownMemories.Entry entry : parsed.entries()) {
            try {
                add(jsonLines.parse(entry.fields(), entry.line(), projectScope), entry.line(), requests);
            } catch (IllegalArgumentException e) {
                errors.add(new MarkdownMemories.Problem(entry.line(), e.getMessage()));
            }
        }
        errors.sort(Comparator.comparingInt(MarkdownMemories.Problem::line));
        return errors.stream().map(MarkdownMemories.Problem::message).toList();
    }

    /**
     * Adds a memory unless an earlier one of the input has its id. Import skips a memory whose id
     * is stored, so a second memory with the same id would otherwise be dropped as already present.
     */
    private void add(RememberRequest request, int line, List<RememberRequest> requests) {
        Optional<String> id = request.externalId();
        Integer first = id.map(value -> firstLines.putIfAbsent(value, line)).orElse(null);
        if (first != null) {
            throw new IllegalArgumentException("line " + line + ": id '" + id.get() + "' is already the id of line "
                    + first + "; give one of them another id, or remove its id");
        }
        requests.add(request);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
