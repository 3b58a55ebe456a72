package dev.scms.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The files an assistant loads at the start of every conversation, into which {@code rules sync}
 * writes a project's rules. Paths are relative to the project folder.
 *
 * <ul>
 *   <li>Claude Code reads every Markdown file under {@code .claude/rules/}.</li>
 *   <li>Cursor reads {@code .cursor/rules/*.mdc}; front matter {@code alwaysApply: true} attaches
 *       the rule to every request.</li>
 *   <li>Windsurf reads {@code .windsurf/rules/*.md}; front matter {@code trigger: always_on} applies
 *       the rule to every request. Windsurf limits a rule file to 12,000 characters
 *       (docs.windsurf.com/windsurf/cascade/memories).</li>
 *   <li>Codex, Copilot's coding agent and other tools read {@code AGENTS.md} at the project root,
 *       a file people edit too, so SCMS owns only a marked section of it.</li>
 * </ul>
 */
public enum RuleTarget {
    CLAUDE(".claude/rules/scms.md", "", false, 0),
    CURSOR(".cursor/rules/scms.mdc", "---\ndescription: Project rules recorded by SCMS\nalwaysApply: true\n---\n",
            false, 0),
    WINDSURF(".windsurf/rules/scms.md", "---\ntrigger: always_on\n---\n", false, 12_000),
    AGENTS("AGENTS.md", "", true, 0);

    private final String relativePath;
    private final String frontMatter;
    private final boolean section;
    /** Maximum characters the assistant accepts in the file, or 0 when its documentation states none. */
    private final int maxCharacters;

    RuleTarget(String relativePath, String frontMatter, boolean section, int maxCharacters) {
        this.relativePath = relativePath;
        this.frontMatter = frontMatter;
        this.section = section;
        this.maxCharacters = maxCharacters;
    }

    /** Returns the path of the file, relative to the project folder, with forward slashes. */
    public String relativePath() {
        return relativePath;
    }

    /** Returns the front matter the whole file starts with; empty for plain Markdown. */
    String frontMatter() {
        return frontMatter;
    }

    /** Returns whether SCMS owns only a marked section of the file rather than the whole file. */
    boolean section() {
        return section;
    }

    /** Returns the maximum characters the assistant accepts in the whole file, if it documents one. */
    public OptionalInt maxCharacters() {
        return maxCharacters > 0 ? OptionalInt.of(maxCharacters) : OptionalInt.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a target name such as {@code cursor}, ignoring case and surrounding blanks. */
    public static Optional<RuleTarget> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = text.strip().toUpperCase(Locale.ROOT);
        for (RuleTarget target : values()) {
            if (target.name().equals(normalised)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }
}
