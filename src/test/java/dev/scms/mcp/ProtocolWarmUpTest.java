package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import org.junit.jupiter.api.Test;

class ProtocolWarmUpTest {

    @Test
    void prepareWritesInitializeReply() throws Exception {
        String reply = ProtocolWarmUp.prepare(McpJsonDefaults.getMapper());

        assertThat(reply).contains("\"id\":0").contains("\"protocolVersion\":\"2025-06-18\"")
                .contains("\"name\":\"scms\"").doesNotContain("\n");
    }

    @Test
    void startRunsOnDaemonThread() throws Exception {
        Thread thread = ProtocolWarmUp.start();
        thread.join();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("scms-protocol-warm-up");
    }
}
