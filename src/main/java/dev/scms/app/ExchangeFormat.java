package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.core.InvalidInputException;
import java.util.Locale;

/** The file formats of {@code export} and {@code import}. */
enum ExchangeFormat {
    JSONL,
    MARKDOWN;

    /**
     * Picks the format: the {@code --format} value when given, else {@code markdown} for a file
     * ending in .md or .markdown and {@code jsonl} for anything else, stdin and stdout included.
     */
    static ExchangeFormat choose(String option, String file) {
        if (option != null) {
            return switch (option.strip().toLowerCase(Locale.ROOT)) {
                case "jsonl", "json-lines", "jsonlines" -> JSONL;
                case "markdown", "md" -> MARKDOWN;
                default -> throw new InvalidInputException("--format", "must be jsonl or markdown, got "
                        + EchoedText.quote(option));
            };
        }
        String name = file == null ? "" : file.toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown") ? MARKDOWN : JSONL;
    }
}
