package dev.scms.mcp;

import java.util.Map;

/** The result of a tool: Markdown for the assistant and the same facts as structured content. */
record ToolOutput(String markdown, Map<String, Object> structured) {
}
