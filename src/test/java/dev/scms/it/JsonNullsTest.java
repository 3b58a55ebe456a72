package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonNullsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void treeWithoutNullPasses() throws Exception {
        JsonNode tree = JSON.readTree("{\"a\":[1,\"null\",{\"b\":false}],\"c\":{}}");

        assertThat(JsonNulls.firstNull(tree)).isEmpty();
    }

    @Test
    void nestedNullReportsItsPointer() throws Exception {
        JsonNode tree = JSON.readTree("{\"a\":[1,{\"b\":2,\"c/d~e\":null}],\"f\":null}");

        assertThat(JsonNulls.firstNull(tree)).contains("/a/1/c~1d~0e");
    }

    @Test
    void rootNullReportsRoot() throws Exception {
        assertThatThrownBy(() -> JsonNulls.assertNone(JSON.readTree("null"), "reply 3"))
                .isInstanceOf(AssertionError.class).hasMessage("null at the root of reply 3");
    }

    @Test
    void nullInArrayFailsWithContext() throws Exception {
        assertThatThrownBy(() -> JsonNulls.assertNone(JSON.readTree("{\"tools\":[{},null]}"), "tools/list"))
                .isInstanceOf(AssertionError.class).hasMessage("null at /tools/1 of tools/list");
    }
}
