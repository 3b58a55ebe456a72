package dev.scms.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The word material of the workload generator, read from the bundled {@code eval/vocabulary.json}:
 * project names, changelog phrases for scale distractors, and per domain the tool, its
 * components, error messages, causes with their fixes, and good practices.
 */
record Vocabulary(List<String> projects, List<String> changes, List<String> remarks, List<Domain> domains) {

    private static final String RESOURCE = "/eval/vocabulary.json";

    /** A component as a lesson names it ({@code name}) and as a developer's question names it ({@code alias}). */
    record Component(String name, String alias) {
    }

    /** An error: the message as printed, a paraphrase a developer might type, and a short form for titles. */
    record ErrorText(String message, String paraphrase, String shortForm) {
    }

    /**
     * A cause of trouble: the change that set it off ({@code trigger}), the cause as a clause,
     * the fix as an imperative, and the later fix that supersedes it once the tool moves on.
     */
    record Cause(String trigger, String cause, String fix, String later) {
    }

    /** A good practice: a short title and the imperative text with its reason. */
    record Practice(String title, String text) {
    }

    /**
     * One technology. {@code next} names the later release after which old fixes go stale, and
     * {@code major} is the major version used in changelog notes.
     */
    record Domain(String domain, String tool, String next, int major, List<Component> components,
            List<ErrorText> errors, List<Cause> causes, List<Practice> practices) {
    }

    static Vocabulary load() {
        try (InputStream in = Vocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the workload vocabulary " + RESOURCE + " is missing from the jar");
            }
            return new ObjectMapper().readValue(in, Vocabulary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workload vocabulary " + RESOURCE, e);
        }
    }
}
