package dev.scms.mcp;

/**
 * Input schemas of the tools: flat objects, every array with {@code items}, no unions and no
 * references, so that every client accepts them.
 */
final class ToolSchemas {

    private static final String PROJECT = """
            "project": {"type": "string", "description": "Project name or folder path. Default: the client's root folder, else the server's working folder."}""";

    static final String RETRIEVE = """
            {"type": "object", "properties": {
              "query": {"type": "string", "maxLength": 20000, "description": "The task, question or error message to find lessons for."},
              %s,
              "k": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5, "description": "Maximum number of patterns and failures to return."},
              "layers": {"type": "array", "items": {"type": "string", "enum": ["L0", "L1"]}, "description": "Layers to search: L0 patterns and failures, L1 project rules. Default: both."},
              "kinds": {"type": "array", "items": {"type": "string", "enum": ["pattern", "rule", "bug_pattern", "anti_pattern", "failed_approach", "edge_case"]}, "description": "Kinds to search. Default: all."},
              "max_tokens": {"type": "integer", "minimum": 200, "maximum": 20000, "description": "Token budget for the whole returned text, at 4 characters per token. Default: the server's max_tokens setting."}
            }, "required": ["query"]}""".formatted(PROJECT);

    static final String RECORD_USE = """
            {"type": "object", "properties": {
              "memory_id": {"type": "integer", "minimum": 1, "description": "Id of the memory you applied."},
              "outcome": {"type": "string", "enum": ["helpful", "not_helpful"], "default": "helpful", "description": "Whether applying it helped."},
              "retrieval_id": {"type": "integer", "minimum": 1, "description": "retrieval_id of the retrieve_memories result the memory came from."},
              "user": {"type": "string", "description": "User on whose behalf you act. Default: the server's user setting. Over HTTP: the user of the bearer token; another name is rejected."},
              %s,
              "note": {"type": "string", "description": "What it helped with, in one sentence."}
            }, "required": ["memory_id"]}""".formatted(PROJECT);

    static final String PROMOTE = """
            {"type": "object", "properties": {
              "memory_id": {"type": "integer", "minimum": 1, "description": "Id of the L0 pattern to turn into a project rule."},
              %s,
              "rule": {"type": "string", "maxLength": 20000, "description": "Concrete wording of the rule for this project. Default: the pattern's text."},
              "force": {"type": "boolean", "default": false, "description": "Promote even if the policy's use counts are not met; recorded as forced."}
            }, "required": ["memory_id"]}""".formatted(PROJECT);

    static final String LOG_FAILURE = """
            {"type": "object", "properties": {
              "kind": {"type": "string", "enum": ["bug_pattern", "anti_pattern", "failed_approach", "edge_case"], "description": "bug_pattern: a bug and its fix; anti_pattern: a practice that causes trouble; failed_approach: something tried that did not work; edge_case: a project-specific trap."},
              "title": {"type": "string", "description": "The failure in 4-10 words."},
              "symptom": {"type": "string", "maxLength": 20000, "description": "What was observed, with the exact error message."},
              "cause": {"type": "string", "maxLength": 20000, "description": "The root cause."},
              "fix": {"type": "string", "maxLength": 20000, "description": "What fixed it or how to avoid it."},
              %s,
              "domain": {"type": "string", "description": "Technology, such as react, postgres or gradle."},
              "tags": {"type": "array", "items": {"type": "string"}, "description": "Short keywords."},
              "generalizable": {"type": "boolean", "default": true, "description": "False keeps a bug pattern, anti-pattern or failed approach within this project."}
            }, "required": ["kind", "title"]}""".formatted(PROJECT);

    static final String REMEMBER = """
            {"type": "object", "properties": {
              "text": {"type": "string", "maxLength": 20000, "description": "The lesson in 1-3 sentences: what to do and why."},
              "title": {"type": "string", "description": "4-10 words. Default: taken from the text."},
              "kind": {"type": "string", "enum": ["pattern", "rule"], "default": "pattern", "description": "pattern: a reusable lesson (L0); rule: a rule of this project (L1)."},
              %s,
              "domain": {"type": "string", "description": "Technology, such as react, postgres or gradle."},
              "tags": {"type": "array", "items": {"type": "string"}, "description": "Short keywords."},
              "importance": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5, "description": "How much it matters, from 0 to 1."}
            }, "required": ["text"]}""".formatted(PROJECT);

    static final String FORGET = """
            {"type": "object", "properties": {
              "memory_id": {"type": "integer", "minimum": 1, "description": "Id of the memory to archive."},
              "reason": {"type": "string", "description": "Why it is wrong or obsolete."}
            }, "required": ["memory_id"]}""";

    static final String STATS = """
            {"type": "object", "properties": {
              "project": {"type": "string", "description": "Project name or folder path. Default: every project."}
            }}""";

    private ToolSchemas() {
    }
}
