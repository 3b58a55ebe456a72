package dev.scms.it;

import static dev.scms.it.ToolCalls.call;
import static dev.scms.it.ToolCalls.successful;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Promotes one pattern from three real server processes on one SQLite file at the same moment,
 * each sending several calls without waiting, by explicit promote calls and by auto-promotion on
 * record_use. Exactly one rule must result, and every other reply names that rule as already
 * promoted.
 */
@Tag("slow")
class ConcurrentPromotionIT {

    private static final int SERVERS = 3;
    private static final int CALLS_PER_SERVER = 4;
    private static final String PATTERN = "Cache compiled templates per class loader so that hot reload frees them.";

    @RegisterExtension
    final SharedDatabase shared = new SharedDatabase();

    @Test
    void promoteFromThreeServersCreatesOneRule() throws Exception {
        List<RawSession> sessions = startServers(Map.of());
        long patternId = remember(sessions.get(0));
        Map<String, Object> arguments = Map.of("memory_id", patternId, "project", "p-race", "force", true);

        List<JsonNode> results = runTogether(sessions, "promote", arguments);

        Set<Long> ruleIds = new HashSet<>();
        int created = 0;
        for (JsonNode result : results) {
            ruleIds.add(result.at("/structuredContent/id").asLong());
            created += result.at("/structuredContent/already_promoted").asBoolean() ? 0 : 1;
        }
        assertThat(results).hasSize(SERVERS * CALLS_PER_SERVER);
        assertThat(created).isEqualTo(1);
        assertThat(ruleIds).hasSize(1);
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE kind = 'rule'")).isEqualTo(1);
        assertThat(shared.count("SELECT COUNT(*) FROM promotions")).isEqualTo(1);
    }

    @Test
    void autoPromotionFromThreeServersCreatesOneRule() throws Exception {
        List<RawSession> sessions = startServers(Map.of("SCMS_AUTO_PROMOTE", "true",
                "SCMS_PROMOTION_POLICY", "static"));
        long patternId = remember(sessions.get(0));

        List<JsonNode> results = runTogether(sessions, "record_use", Map.of("memory_id", patternId,
                "project", "p-race"));

        List<JsonNode> promotions = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode promoted = result.at("/structuredContent/promoted");
            if (!promoted.isMissingNode() && !promoted.path("already_promoted").asBoolean()) {
                promotions.add(result);
            }
        }
        assertThat(promotions).hasSize(1);
        JsonNode promoting = promotions.get(0).path("structuredContent");
        assertThat(promoting.path("helpful_count").asInt())
                .isGreaterThanOrEqualTo(promoting.at("/promotion/required_uses").asInt());
        assertThat(shared.count("SELECT COUNT(*) FROM memories WHERE kind = 'rule'")).isEqualTo(1);
        assertThat(shared.count("SELECT COUNT(*) FROM promotions")).isEqualTo(1);

        long ruleId = promoting.at("/promoted/id").asLong();
        JsonNode later = successful(sessions.get(1).requestLine(900, call(900, "record_use",
                Map.of("memory_id", patternId, "project", "p-race"))));
        assertThat(later.at("/structuredContent/rule_id").asLong()).isEqualTo(ruleId);
        assertThat(later.at("/content/0/text").asText()).contains("already rule " + ruleId)
                .doesNotContain("call promote");
    }

    private List<RawSession> startServers(Map<String, String> settings) throws Exception {
        List<RawSession> sessions = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            sessions.add(shared.startInitialized("server-" + i, settings));
        }
        return sessions;
    }

    private static long remember(RawSession server) throws Exception {
        JsonNode result = successful(server.requestLine(1, call(1, "remember", Map.of("text", PATTERN,
                "project", "p-race"))));
        return result.at("/structuredContent/id").asLong();
    }

    /**
     * Sends {@link #CALLS_PER_SERVER} calls of the tool to every server without waiting, all
     * servers at once, and returns every successful result.
     */
    private List<JsonNode> runTogether(List<RawSession> sessions, String tool, Map<String, Object> arguments)
            throws Exception {
        List<String> calls = new ArrayList<>();
        for (int id = 100; id < 100 + CALLS_PER_SERVER; id++) {
            calls.add(call(id, tool, arguments));
        }
        List<List<String>> requests = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            requests.add(calls);
        }
        List<JsonNode> results = new ArrayList<>();
        for (Map<JsonNode, JsonNode> serverReplies : shared.runTogether(sessions, requests)) {
            for (JsonNode reply : serverReplies.values()) {
                results.add(successful(reply));
            }
        }
        return results;
    }
}
