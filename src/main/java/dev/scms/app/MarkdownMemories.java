package dev.scms.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
final class MarkdownMemories {

    static final String HEADER = "# SCMS memories\n\n<!-- Written by scms export: one memory per '## ' heading, its "
            + "fields as a list, its text in a fenced block. scms import reads this file back. -->\n";

    private static final String HEADING = "## ";
    private static final Pattern FIELD = Pattern.compile("^- ([A-Za-z0-9_.\\-]+|\"(?:[^\"\\\\]|\\\\.)*\"):(?: (.*))?$");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern FENCE = Pattern.compile("^(`{3,})[^`]*$");
    private static final Pattern JSON_LITERAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?|true|false|null");

    private final ObjectMapper json = new ObjectMapper();

    /** A memory read from the document, with the line of its heading for messages. */
    record Entry(int line, ObjectNode fields) {
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
     * Reads every memory of a document. Text before the first heading is ignored; anything else
     * that does not fit the layout is an error naming its line.
     */
    List<Entry> read(String document) {
        String[] lines = document.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        while (i < lines.length && !lines[i].startsWith(HEADING)) {
            i++;
        }
        while (i < lines.length) {
            ObjectNode fields = json.createObjectNode();
            int heading = i + 1;
            fields.put("title", lines[i].substring(HEADING.length()));
            i = readFields(lines, i + 1, fields);
            if (!fields.has("text")) {
                i = readText(lines, i, heading, fields);
            }
            entries.add(new Entry(heading, fields));
            for (; i < lines.length && !lines[i].startsWith(HEADING); i++) {
                if (!lines[i].isBlank()) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unexpected text after the memory of line "
                            + heading + "; start each memory with a '## ' heading");
                }
            }
        }
        return entries;
    }

    private int readFields(String[] lines, int start, ObjectNode fields) {
        int i = start;
        for (; i < lines.length && (lines[i].isBlank() || lines[i].startsWith("- ")); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher field = FIELD.matcher(lines[i]);
            if (!field.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected a field as '- name: value', got '"
                        + TextTable.truncate(TextTable.clean(lines[i]), 60) + "'");
            }
            String name = field.group(1).startsWith("\"") ? parse(field.group(1), i).asText() : field.group(1);
            fields.set(name, decode(field.group(2) == null ? "" : field.group(2), i));
        }
        return i;
    }

    private static int readText(String[] lines, int start, int heading, ObjectNode fields) {
        Matcher open = start < lines.length ? FENCE.matcher(lines[start]) : null;
        if (open == null || !open.matches()) {
            throw new IllegalArgumentException("line " + Math.min(start + 1, lines.length) + ": expected the text of "
                    + "the memory of line " + heading + " in a fenced block opened by ```");
        }
        String fence = open.group(1);
        List<String> text = new ArrayList<>();
        for (int i = start + 1; i < lines.length; i++) {
            if (lines[i].strip().equals(fence)) {
                fields.put("text", String.join("\n", text));
                return i + 1;
            }
            text.add(lines[i]);
        }
        throw new IllegalArgumentException("line " + (start + 1) + ": the text block of the memory of line " + heading
                + " is never closed; end it with a line of " + fence);
    }

    /** Reads a field value: JSON when it looks like JSON, otherwise the text as written. */
    JsonNode decode(String raw, int index) {
        if (raw.isEmpty()) {
            return TextNode.valueOf("");
        }
        return looksLikeJson(raw) ? parse(raw, index) : TextNode.valueOf(raw);
    }

    private static boolean looksLikeJson(String raw) {
        char first = raw.charAt(0);
        return first == '"' || first == '[' || first == '{' || JSON_LITERAL.matcher(raw).matches();
    }

    private JsonNode parse(String raw, int index) {
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + (index + 1) + ": '" + TextTable.truncate(raw, 60)
                    + "' is not valid JSON (" + e.getOriginalMessage() + "); quote text that starts with \", [ or {");
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
