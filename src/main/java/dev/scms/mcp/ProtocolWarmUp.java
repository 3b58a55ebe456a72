package dev.scms.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, on a daemon thread, the SDK's JSON mapper and Jackson's readers and writers for the
 * {@code initialize} exchange, while the main thread opens the store and builds the server.
 * Without it the thread that replies to {@code initialize} built them between reading the request
 * and writing the reply, which took 130 to 230 ms of wall time on 2 cores (12 to 45 ms after the
 * warm-up, in a few traced starts). The SDK keeps one mapper per JVM and Jackson caches readers
 * and writers per mapper, so the server finds them ready. The warm-up writes nothing to the client.
 */
public final class ProtocolWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolWarmUp.class);

    /** An {@code initialize} request as clients send it; only its shape matters. */
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"warm-up\","
            + "\"version\":\"0\"}}}";

    private ProtocolWarmUp() {
    }

    /**
     * Starts the warm-up thread. Call it after logging has started, because the SDK's classes
     * create their SLF4J loggers as they load, and the first logger configures Logback.
     */
    public static Thread start() {
        Thread thread = new Thread(() -> {
            try {
                prepare(McpJsonDefaults.getMapper());
            } catch (IOException | RuntimeException e) {
                // The server builds what failed here when the first request arrives.
                LOG.debug("Preparing the JSON mapper for initialize failed: {}", e.toString());
            }
        }, "scms-protocol-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Parses an {@code initialize} request, serializes a reply with {@code mapper} and returns the reply's JSON. */
    static String prepare(McpJsonMapper mapper) throws IOException {
        McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper,
                INITIALIZE);
        McpSchema.InitializeRequest params = mapper.convertValue(request.params(),
                new TypeRef<McpSchema.InitializeRequest>() {
                });
        McpSchema.ServerCapabilities capabilities = McpSchema.ServerCapabilities.builder().tools(false)
                .resources(false, false).prompts(false).build();
        McpSchema.InitializeResult result = McpSchema.InitializeResult.builder(params.protocolVersion(),
                capabilities, McpSchema.Implementation.builder("scms", "0").build()).build();
        return mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(),
                result, null));
    }
}
