package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HookInputTest {

    @Test
    void userPromptSubmitIsRead() {
        HookInput input = HookInput.parse("""
                {"session_id":"abc123","transcript_path":"/home/ann/.claude/t.jsonl","cwd":"/home/ann/shop",
                 "permission_mode":"default","hook_event_name":"UserPromptSubmit","prompt":"fix the flaky test"}
                """);

        assertThat(input.event()).isEqualTo(HookInput.Event.USER_PROMPT_SUBMIT);
        assertThat(input.sessionId()).isEqualTo("abc123");
        assertThat(input.cwd()).contains(Path.of("/home/ann/shop"));
        assertThat(input.prompt()).contains("fix the flaky test");
        assertThat(input.source()).isEmpty();
    }

    @Test
    void sessionStartIsRead() {
        HookInput input = HookInput.parse("""
                {"session_id":"abc123","cwd":"/home/ann/shop","hook_event_name":"SessionStart","source":"compact",
                 "model":"claude-sonnet-4-5"}
                """);

        assertThat(input.event()).isEqualTo(HookInput.Event.SESSION_START);
        assertThat(input.source()).contains("compact");
        assertThat(input.prompt()).isEmpty();
    }

    @Test
    void vsCodeSpellingIsRead() {
        HookInput input = HookInput.parse("""
                {"timestamp":"2026-02-09T10:30:00.000Z","cwd":"/work/app","sessionId":"vs-1",
                 "hookEventName":"SessionStart","source":"new"}
                """);

        assertThat(input.event()).isEqualTo(HookInput.Event.SESSION_START);
        assertThat(input.sessionId()).isEqualTo("vs-1");
    }

    @Test
    void missingFieldsAreEmpty() {
        HookInput input = HookInput.parse("{\"hook_event_name\":\"UserPromptSubmit\"}");

        assertThat(input.sessionId()).isEmpty();
        assertThat(input.cwd()).isEmpty();
        assertThat(input.prompt()).isEmpty();
    }

    @Test
    void fieldsOfAnotherTypeAreEmpty() {
        HookInput input = HookInput.parse("""
                {"hook_event_name":"UserPromptSubmit","prompt":42,"cwd":["/x"],"session_id":null}
                """);

        assertThat(input.prompt()).isEmpty();
        assertThat(input.cwd()).isEmpty();
        assertThat(input.sessionId()).isEmpty();
    }

    @Test
    void relativeCwdIsIgnored() {
        HookInput input = HookInput.parse("{\"hook_event_name\":\"SessionStart\",\"cwd\":\"shop\"}");

        assertThat(input.cwd()).isEmpty();
    }

    @Test
    void cwdWithNulIsIgnored() {
        HookInput input = HookInput.parse("{\"hook_event_name\":\"SessionStart\",\"cwd\":\"/a\\u0000b\"}");

        assertThat(input.cwd()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[1,2]", "\"text\"", "{\"prompt\":\"x\"", "null", "{}",
            "{\"hook_event_name\":\"PreToolUse\"}", "{\"hook_event_name\":\"userpromptsubmit\"}"})
    void garbageIsRejected(String text) {
        assertThatThrownBy(() -> HookInput.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hook input");
    }

    @Test
    void hugePromptIsReadWhole() {
        String prompt = "stack trace line\\n".repeat(100_000);

        HookInput input = HookInput.parse("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"" + prompt + "\"}");

        assertThat(input.prompt().orElseThrow()).hasSize(100_000 * "stack trace line\n".length());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        byte[] head = "{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = " au lait\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE9;
        bytes[head.length + 1] = (byte) 0xFF;
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);

        String text = BoundedInput.read(new ByteArrayInputStream(bytes), 1024);
        HookInput input = HookInput.parse(text);

        assertThat(input.prompt()).contains("caf\uFFFD\uFFFD au lait");
    }

    @Test
    void loneSurrogateEscapeIsReplaced() {
        HookInput input = HookInput.parse("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"a\\ud800b\"}");

        assertThat(input.prompt()).contains("a\uFFFDb");
    }

    @Test
    void inputOverTheLimitIsRejected() {
        byte[] bytes = new byte[2048];

        assertThatThrownBy(() -> BoundedInput.read(new ByteArrayInputStream(bytes), 1024))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 1024 bytes");
    }
}
