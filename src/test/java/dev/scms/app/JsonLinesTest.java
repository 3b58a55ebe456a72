package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.RememberRequest;
import dev.scms.model.Kind;
import dev.scms.model.Layer;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.model.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private static final String LINE = "{\"id\": \"d001\", \"kind\": \"bug_pattern\", \"title\": \"TempDir cleanup race\","
            + " \"domain\": \"spock\", \"project\": \"spockframework/spock\", \"text\": \"Parallel specs failed in"
            + " cleanup.\", \"source\": \"https://example.org/spock/1282\", \"date\": \"2021-02-28\","
            + " \"tags\": [\"junit\", \"tempdir\"], \"severity\": \"high\"}";

    private final JsonLines lines = new JsonLines();

    @Test
    void idBecomesExternalId() {
        assertThat(lines.parse(LINE, 1, false).externalId()).contains("d001");
    }

    @Test
    void dateBecomesUtcMidnight() {
        assertThat(lines.parse(LINE, 1, false).createdAt()).contains(Instant.parse("2021-02-28T00:00:00Z"));
    }

    @Test
    void instantDateAccepted() {
        String line = "{\"kind\": \"pattern\", \"text\": \"x\", \"date\": \"2021-02-28T10:15:30Z\"}";

        assertThat(lines.parse(line, 1, false).createdAt()).contains(Instant.parse("2021-02-28T10:15:30Z"));
    }

    @Test
    void fieldsReadIntoRequest() {
        RememberRequest request = lines.parse(LINE, 1, false);

        assertThat(request.kind()).isEqualTo(Kind.BUG_PATTERN);
        assertThat(request.title()).contains("TempDir cleanup race");
        assertThat(request.text()).isEqualTo("Parallel specs failed in cleanup.");
        assertThat(request.domain()).isEqualTo("spock");
        assertThat(request.tags()).containsExactly("junit", "tempdir");
        assertThat(request.importance()).isEqualTo(0.5);
    }

    @Test
    void projectKeptInDetailsWithoutProjectScope() {
        RememberRequest request = lines.parse(LINE, 1, false);

        assertThat(request.project()).isEmpty();
        assertThat(request.details()).containsEntry("project", "spockframework/spock");
    }

    @Test
    void projectBecomesScopeWithProjectScope() {
        RememberRequest request = lines.parse(LINE, 1, true);

        assertThat(request.project()).contains("spockframework/spock");
        assertThat(request.details()).doesNotContainKey("project");
    }

    @Test
    void sourceKeptInDetails() {
        assertThat(lines.parse(LINE, 1, false).details()).containsEntry("source", "https://example.org/spock/1282");
    }

    @Test
    void unknownFieldsKept() {
        assertThat(lines.parse(LINE, 1, false).details()).containsEntry("severity", "high");
    }

    @Test
    void commaSeparatedTagsAccepted() {
        String line = "{\"kind\": \"pattern\", \"text\": \"x\", \"tags\": \"a, b\"}";

        assertThat(lines.parse(line, 1, false).tags()).containsExactly("a", "b");
    }

    @Test
    void ruleWithProjectScopeAccepted() {
        String line = "{\"kind\": \"rule\", \"text\": \"Use tabs\", \"project\": \"acme/app\"}";

        assertThat(lines.parse(line, 1, true).project()).contains("acme/app");
    }

    @Test
    void notJsonNamesLine() {
        assertRejected("{not json", 7, "line 7");
    }

    @Test
    void arrayLineNamesLine() {
        assertRejected("[1, 2]", 7, "line 7");
    }

    @Test
    void missingTextNamesLine() {
        assertRejected("{\"kind\": \"pattern\"}", 3, "line 3: missing 'text'");
    }

    @Test
    void missingKindNamesLine() {
        assertRejected("{\"text\": \"x\"}", 4, "line 4: missing 'kind'");
    }

    @Test
    void unknownKindNamesLineAndValue() {
        assertRejected("{\"text\": \"x\", \"kind\": \"lesson\"}", 5, "line 5: unknown kind \"lesson\"");
    }

    @Test
    void ruleWithoutProjectNamesLine() {
        assertRejected("{\"text\": \"x\", \"kind\": \"rule\"}", 6, "line 6");
    }

    @Test
    void ruleIsScopedToItsProject() {
        String line = "{\"text\": \"x\", \"kind\": \"rule\", \"project\": \"acme/app\"}";

        RememberRequest request = lines.parse(line, 6, false);

        assertThat(request.project()).contains("acme/app");
    }

    @Test
    void exportedScopeIsKeptOnImport() {
        String line = "{\"text\": \"x\", \"kind\": \"edge_case\", \"project\": \"acme/app\", \"scope\": "
                + "\"project\", \"layer\": \"L1\"}";

        RememberRequest request = lines.parse(line, 7, false);

        assertThat(request.project()).contains("acme/app");
        assertThat(request.details()).doesNotContainKeys("scope", "layer", "project");
    }

    @Test
    void badDateNamesLineAndValue() {
        assertRejected("{\"text\": \"x\", \"kind\": \"pattern\", \"date\": \"28.02.2021\"}", 8,
                "line 8: 'date' must be YYYY-MM-DD");
    }

    @Test
    void tagsObjectNamesLine() {
        assertRejected("{\"text\": \"x\", \"kind\": \"pattern\", \"tags\": {\"a\": 1}}", 9,
                "line 9: 'tags' must be a list");
    }

    @Test
    void tagObjectElementNamesLine() {
        assertRejected("{\"text\": \"x\", \"kind\": \"pattern\", \"tags\": [\"a\", {\"b\": 1}]}", 11,
                "line 11: 'tags' must be a list");
    }

    @Test
    void nullAndBlankTagsDropped() {
        String line = "{\"kind\": \"pattern\", \"text\": \"x\", \"tags\": [\"a\", null, \" \", \"b\"]}";

        assertThat(lines.parse(line, 1, false).tags()).containsExactly("a", "b");
    }

    @Test
    void importanceOutOfRangeNamesLine() {
        assertRejected("{\"text\": \"x\", \"kind\": \"pattern\", \"importance\": 2}", 10, "line 10");
    }

    private void assertRejected(String line, int number, String expected) {
        assertThatThrownBy(() -> lines.parse(line, number, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void writeRoundTripsThroughParse() {
        RememberRequest original = lines.parse(LINE, 1, false);
        Memory memory = memoryFrom(original, Optional.empty());

        RememberRequest again = lines.parse(lines.write(memory, id -> "scms-" + id), 1, false);

        assertThat(again.externalId()).isEqualTo(original.externalId());
        assertThat(again.kind()).isEqualTo(original.kind());
        assertThat(again.title()).isEqualTo(original.title());
        assertThat(again.text()).isEqualTo(original.text());
        assertThat(again.domain()).isEqualTo(original.domain());
        assertThat(again.tags()).isEqualTo(original.tags());
        assertThat(again.createdAt()).isEqualTo(original.createdAt());
        assertThat(again.importance()).isEqualTo(original.importance());
        assertThat(again.details()).isEqualTo(original.details());
    }

    @Test
    void scopedMemoryRoundTripsWithProjectScope() {
        String line = "{\"kind\": \"rule\", \"text\": \"Use tabs\", \"project\": \"acme/app\", \"date\": \"2024-05-01\"}";
        RememberRequest original = lines.parse(line, 1, true);
        Memory memory = memoryFrom(original, Optional.of(new ProjectKey("acme/app")));

        RememberRequest again = lines.parse(lines.write(memory, id -> "scms-" + id), 1, true);

        assertThat(again.project()).contains("acme/app");
        assertThat(again.kind()).isEqualTo(Kind.RULE);
        assertThat(again.createdAt()).isEqualTo(original.createdAt());
    }

    @Test
    void memoryWithoutExternalIdGetsScmsId() {
        RememberRequest original = lines.parse("{\"kind\": \"pattern\", \"text\": \"x\"}", 1, false);
        Memory memory = memoryFrom(original, Optional.empty());

        assertThat(lines.parse(lines.write(memory, id -> "scms-" + id), 1, false).externalId()).contains("scms-42");
    }

    private static Memory memoryFrom(RememberRequest request, Optional<ProjectKey> project) {
        Instant created = request.createdAt().orElse(Instant.parse("2024-01-01T00:00:00Z"));
        Layer layer = request.kind() == Kind.RULE ? Layer.L1 : Layer.L0;
        return new Memory(42, layer, request.kind(), request.title().orElse(request.text()), request.text(),
                request.details(), request.domain(), project, request.tags(), request.importance(), Status.ACTIVE,
                created, created, Optional.empty(), 0, 0, 0, 1, "hash", 1, request.externalId());
    }

    @Test
    void writeReplacesDatabaseLinkWithExchangeId() {
        RememberRequest original = lines.parse("{\"kind\": \"pattern\", \"text\": \"x\"}", 1, false);
        Memory memory = withDetails(memoryFrom(original, Optional.empty()), Map.of("promoted_from", 7L));

        String line = lines.write(memory, id -> "d00" + id);

        assertThat(line).contains("\"promoted_from_id\":\"d007\"").doesNotContain("\"promoted_from\"");
        assertThat(lines.parse(line, 1, false).details()).doesNotContainKey("promoted_from");
    }

    @Test
    void writeOrdersExtraFieldsByKey() {
        RememberRequest original = lines.parse("{\"kind\": \"pattern\", \"text\": \"x\"}", 1, false);
        Memory memory = withDetails(memoryFrom(original, Optional.empty()), Map.of("zeta", "z", "alpha", "a",
                "mid", "m"));

        String line = lines.write(memory, id -> "scms-" + id);

        assertThat(line.indexOf("\"alpha\"")).isLessThan(line.indexOf("\"mid\""));
        assertThat(line.indexOf("\"mid\"")).isLessThan(line.indexOf("\"zeta\""));
    }

    private static Memory withDetails(Memory base, Map<String, Object> details) {
        return new Memory(base.id(), base.layer(), base.kind(), base.title(), base.body(), details, base.domain(),
                base.project(), List.of(), base.importance(), base.status(), base.createdAt(), base.updatedAt(),
                base.lastUsedAt(), 0, 0, 0, 1, "hash", 1, base.externalId());
    }
}
