package dev.scms.rules;

import dev.scms.text.MarkdownQuote;
import java.util.List;

/** Renders a project's rules as the Markdown that goes into every target. */
public final class RulesMarkdown {

    private RulesMarkdown() {
    }

    /** Returns the rules as Markdown ending with one line break, in the order given. */
    public static String render(List<RulesFiles.Rule> rules) {
        StringBuilder text = new StringBuilder("# Project rules from SCMS\n\n");
        if (rules.isEmpty()) {
            text.append("This project has no active rules.\n");
            return text.toString();
        }
        text.append("Follow these rules in this project. Each was promoted from a lesson that kept helping here.\n");
        for (RulesFiles.Rule rule : rules) {
            String title = oneLine(rule.title());
            String body = rule.body().strip().replace("\r\n", "\n");
            text.append("\n## ").append(MarkdownQuote.inert(title)).append("\n\n");
            if (!repeats(title, body)) {
                text.append(quoted(body)).append("\n");
            }
            text.append("_SCMS rule ").append(rule.id()).append("._\n");
        }
        return text.toString();
    }

    /** Returns true when the body only repeats the title, as in a one-sentence rule. */
    private static boolean repeats(String title, String body) {
        return oneLine(body).replaceAll("[.!]+$", "").equals(title.replaceAll("[.!]+$", ""));
    }

    /**
     * Puts the body in a block quote, one line each, so that no line of it can start a heading, end
     * the rule or leave a code fence open over the rules that follow. Control and format characters
     * other than tabs are removed, and comment openers made inert.
     */
    private static String quoted(String body) {
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\\R", -1)) {
            String clean = MarkdownQuote.quotedLine(line);
            text.append(clean.isEmpty() ? ">" : "> " + clean).append('\n');
        }
        return text.toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ").replaceAll("[\\p{Cc}\\p{Cf}]", "");
    }
}
