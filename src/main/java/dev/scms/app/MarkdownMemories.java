package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memories as one Markdown document that {@code import} reads back without loss. Each memory is
 * a {@code ## } heading with its title, a list of {@code - field: value} lines with the same
 * fields as the JSON-lines format, and its text in a fenced code block:
 *
 * <pre>
 * ## Enable WAL
 *
 * - id: scms-12
 * - kind: rule
 * - tags: ["sqlite","locking"]
 *
 * ```
 * Set journal_mode=WAL and busy_timeout on every connection.
 * ```
 * </pre>
 *
 * <p>A value is written as plain text when it reads back as the same string, otherwise as JSON
 * (lists, numbers, booleans, and strings with line breaks, outer blanks or a leading quote or
 * bracket). The fence is one backtick longer than the longest run of backticks in the text, so
 * no line of the text can close it. A title that a heading cannot carry (a line break, outer
 * blanks) and a text with a carriage return go into the field list as JSON instead.
 *
 * <p>A hand-written fence may carry an info string such as {@code ```java}. Its text then keeps
 * the opening and closing fence lines, so that the language survives; the fences that export
 * writes have no info string.
 */
final class MarkdownMemories {

    /** The first line of every export, which marks a document without memories as a valid, empty export. */
    static final String TITLE = "# SCMS memories";

    static final String HEADER = TITLE + "\n\n<!-- Written by scms export: one memory per '## ' heading, its "
            + "fields as a list, its text in a fenced block. scms import reads this file back. -->\n";

    private static final String HEADING = "## ";
    private static final Pattern FIELD = Pattern.compile("^- ([A-Za-z0-9_.\\-]+|\"(?:[^\"\\\\]|\\\\.)*\"):(?: (.*))?$");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern FENCE = Pattern.compile("^(`{3,})[^`]*$");
    private static final Pattern JSON_LITERAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null");

    private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A memory read from the document, with the line of its heading for messages. */
    record Entry(int line, ObjectNode fields) {
    }

    /** A message about one line of the document; the message starts with "line N: ". */
    record Problem(int line, String message) {
    }

    /** The memories of a document, and one problem for each memory that does not fit the layout. */
    record Document(List<Entry> entries, List<Problem> errors) {

        Document {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
        }
    }

    /** A part of the document that does not fit the layout; reading goes on at the next heading from {@code resumeAt}. */
    private static final class LayoutException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final int resumeAt;

        LayoutException(int index, String problem, int resumeAt) {
            super("line " + (index + 1) + ": " + problem);
            this.line = index + 1;
            this.resumeAt = resumeAt;
        }
    }

    /** Renders one memory's exchange fields as a heading, a field list and a fenced text, starting with a blank line. */
    String write(ObjectNode fields) {
        String title = fields.path("title").asText("");
        String text = fields.path("text").asText("");
        boolean headingTitle = !title.isEmpty() && title.equals(title.strip()) && !hasLineBreak(title);
        StringBuilder out = new StringBuilder("\n").append(HEADING)
                .append(headingTitle ? title : TextTable.clean(title).strip()).append("\n\n");
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            boolean inHeading = field.getKey().equals("title") && headingTitle;
            boolean inBlock = field.getKey().equals("text") && text.indexOf('\r') < 0;
            if (!inHeading && !inBlock) {
                out.append("- ").append(key(field.getKey())).append(": ").append(value(field.getValue())).append('\n');
            }
        }
        if (text.indexOf('\r') < 0) {
            String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
            out.append('\n').append(fence).append('\n').append(text).append('\n').append(fence).append('\n');
        }
        return out.toString();
    }

    /**
     * Reads every memory of a document. Text before the first heading is ignored. A memory with
     * anything else that does not fit the layout becomes an error naming its line, and reading
     * goes on at the next heading, so that one pass reports every invalid memory.
     */
    Document read(String document) {
        String[] lines = document.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        List<Entry> entries = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        int i = nextHeading(lines, 0);
        while (i < lines.length) {
            try {
                i = readMemory(lines, i, entries);
            } catch (LayoutException e) {
                errors.add(new Problem(e.line, e.getMessage()));
                i = nextHeading(lines, e.resumeAt);
            }
        }
        return new Document(entries, errors);
    }

    private int readMemory(String[] lines, int start, List<Entry> entries) {
        ObjectNode fields = json.createObjectNode();
        int heading = start + 1;
        int i = readFields(lines, start + 1, fields, heading);
        if (!fields.has("title")) {
            fields.put("title", lines[start].substring(HEADING.length()));
        }
        if (!fields.has("text")) {
            i = readText(lines, i, heading, fields);
        }
        int next = nextHeading(lines, i);
        for (; i < next; i++) {
            if (!lines[i].isBlank()) {
                throw new LayoutException(i, "unexpected text after the memory of line " + heading + "; start each "
                        + "memory with a '## ' heading", i + 1);
            }
        }
        entries.add(new Entry(heading, fields));
        return next;
    }

    private static int nextHeading(String[] lines, int from) {
        int i = from;
        while (i < lines.length && !lines[i].startsWith(HEADING)) {
            i++;
        }
        return i;
    }

    private int readFields(String[] lines, int start, ObjectNode fields, int heading) {
        int i = start;
        for (; i < lines.length && (lines[i].isBlank() || lines[i].startsWith("- ")); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher field = FIELD.matcher(lines[i]);
            if (!field.matches()) {
                throw new LayoutException(i, "expected a field as '- name: value', got '"
                        + TextTable.truncate(TextTable.clean(lines[i]), 60) + "'", i + 1);
            }
            String name = field.group(1).startsWith("\"") ? parse(field.group(1), i, "field name").asText()
                    : field.group(1);
            if (fields.has(name)) {
                throw new LayoutException(i, "field '" + FieldChecks.escaped(name) + "' appears twice in the memory "
                        + "of line " + heading + "; keep one", i + 1);
            }
            fields.set(name, decode(field.group(2) == null ? "" : field.group(2), i, name));
        }
        return i;
    }

    private static int readText(String[] lines, int start, int heading, ObjectNode fields) {
        Matcher open = start < lines.length ? FENCE.matcher(lines[start]) : null;
        if (open == null || !open.matches()) {
            throw new LayoutException(Math.min(start, lines.length - 1), "expected the text of the memory of line "
                    + heading + " in a fenced block opened by ```", start);
        }
        String fence = open.group(1);
        boolean infoString = !lines[start].substring(fence.length()).isBlank();
        List<String> text = new ArrayList<>();
        for (int i = start + 1; i < lines.length; i++) {
            if (lines[i].strip().equals(fence)) {
                if (infoString) {
                    text.add(0, lines[start]);
                    text.add(lines[i]);
                }
                fields.put("text", String.join("\n", text));
                return i + 1;
            }
            text.add(lines[i]);
        }
        throw new LayoutException(start, "the text block of the memory of line " + heading + " is never closed; "
                + "end it with a line of " + fence, lines.length);
    }

    /** Reads a field value: JSON when it looks like JSON, otherwise the text as written. */
    private JsonNode decode(String raw, int index, String name) {
        if (raw.isEmpty()) {
            return TextNode.valueOf("");
        }
        if (!looksLikeJson(raw)) {
            return TextNode.valueOf(raw);
        }
        return parse(raw, index, "'" + FieldChecks.escaped(name) + "' value");
    }

    private static boolean looksLikeJson(String raw) {
        char first = raw.charAt(0);
        return first == '"' || first == '[' || first == '{' || JSON_LITERAL.matcher(raw).matches();
    }

    private JsonNode parse(String raw, int index, String subject) {
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new LayoutException(index, subject + " '" + FieldChecks.escaped(raw) + "' is not valid JSON ("
                    + e.getOriginalMessage() + "); quote text that starts with \", [ or {", index + 1);
        }
    }

    private String value(JsonNode value) {
        if (value.isTextual() && isPlain(value.asText())) {
            return value.asText();
        }
        return toJson(value);
    }

    private String key(String name) {
        return PLAIN_KEY.matcher(name).matches() ? name : toJson(TextNode.valueOf(name));
    }

    private static boolean isPlain(String text) {
        boolean clean = text.equals(text.strip()) && text.codePoints().noneMatch(c -> Character.isISOControl(c)
                || c == 0x2028 || c == 0x2029);
        return clean && !text.isEmpty() && !looksLikeJson(text);
    }

    private String toJson(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("field value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean hasLineBreak(String text) {
        return text.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029);
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
