package dev.scms.eval;

import dev.scms.eval.Vocabulary.Cause;
import dev.scms.eval.Vocabulary.Component;
import dev.scms.eval.Vocabulary.Domain;
import dev.scms.eval.Vocabulary.ErrorText;
import dev.scms.eval.Vocabulary.Practice;
import java.util.Locale;

/**
 * The templates of the workload generator. A lesson names the component, quotes the error
 * message and states trigger, cause and fix. A query describes the same problem as a developer
 * would: the component's alias, the message or a paraphrase of it, and the trigger, never the
 * cause or the fix. Query templates vary, so a recurring problem is phrased differently each time.
 */
final class Phrasing {

    static final int LESSON_TEMPLATES = 3;
    static final int QUERY_TEMPLATES = 4;

    private Phrasing() {
    }

    /** A problem of one domain: which component, error and cause it combines, as indexes into the domain's lists. */
    record Problem(Domain domain, int component, int error, int cause) {

        Component componentText() {
            return domain.components().get(component);
        }

        ErrorText errorText() {
            return domain.errors().get(error);
        }

        Cause causeText() {
            return domain.causes().get(cause);
        }
    }

    static String lessonTitle(Problem problem) {
        return problem.domain().tool() + " " + problem.componentText().name() + ": " + problem.errorText().shortForm();
    }

    static String lessonText(Problem problem, int template) {
        String component = problem.componentText().name();
        String message = problem.errorText().message();
        Cause cause = problem.causeText();
        return switch (template % LESSON_TEMPLATES) {
            case 0 -> "After " + cause.trigger() + ", the " + component + " failed with \"" + message + "\". Cause: "
                    + capitalise(cause.cause()) + ". Fix: " + capitalise(cause.fix()) + ".";
            case 1 -> "\"" + message + "\" from the " + component + " right after " + cause.trigger()
                    + ". It happened because " + cause.cause() + ". To fix it, " + cause.fix() + ".";
            default -> "When " + cause.trigger() + ", the " + component + " reports \"" + message + "\". Root cause: "
                    + cause.cause() + ". What worked: " + cause.fix() + ".";
        };
    }

    static String updateTitle(Problem problem) {
        return "Updated fix for " + problem.errorText().shortForm() + " in " + problem.domain().tool();
    }

    /** Returns the text of the lesson that supersedes an older one: the old fix stopped working. */
    static String updateText(Problem problem) {
        Cause cause = problem.causeText();
        return "Since " + problem.domain().next() + ", the earlier fix for \"" + problem.errorText().message()
                + "\" in the " + problem.componentText().name() + " after " + cause.trigger()
                + " no longer works. The cause is unchanged: " + cause.cause() + ". Now " + cause.later() + ".";
    }

    static String patternTitle(Domain domain, Practice practice) {
        return domain.tool() + ": " + practice.title();
    }

    static String patternText(Domain domain, Component component, Practice practice) {
        return "Team practice for the " + component.name() + " in " + domain.tool() + " projects: " + practice.text()
                + ".";
    }

    static String queryText(Problem problem, String project, int template) {
        String alias = problem.componentText().alias();
        ErrorText error = problem.errorText();
        String trigger = problem.causeText().trigger();
        return switch (template % QUERY_TEMPLATES) {
            case 0 -> "The " + alias + " fails again with \"" + error.message() + "\" after " + trigger
                    + ". How did we fix this last time?";
            case 1 -> "Since " + trigger + " I keep getting " + error.paraphrase() + " in the " + alias
                    + ". What was the cause?";
            case 2 -> "Seeing \"" + error.message() + "\" from the " + alias + " in " + project + " after " + trigger
                    + "; is there a known fix?";
            default -> capitalise(error.paraphrase()) + " in the " + alias + ", which started after " + trigger
                    + ". Do we have a note about it?";
        };
    }

    static String changelogTitle(Domain domain, String version, Component component) {
        return domain.tool() + " " + version + " changes the " + component.name();
    }

    static String changelogText(Domain domain, String version, Component component, String change, String remark) {
        return domain.tool() + " " + version + " release note: the " + component.name() + " " + change + ". "
                + remark;
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
