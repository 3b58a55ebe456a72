package dev.scms.mcp;

import java.util.Map;

/** What a tool returns: Markdown for the assistant and the same facts as structured content. */
record ToolOutput(String markdown, Map<String, Object> structured) {
}
