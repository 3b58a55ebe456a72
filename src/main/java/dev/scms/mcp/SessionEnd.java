package dev.scms.mcp;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the open sessions once: when the input ends, or from a JVM shutdown hook when a signal
 * stops the server first, while the store is still open.
 *
 * <p>NOTE: the MCP Java SDK (2.2.0) calls no handler when a transport closes one session, so a
 * transport with many sessions, such as Streamable HTTP, must end each one through
 * {@link dev.scms.core.Sessions#end} itself.
 */
final class SessionEnd implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEnd.class);

    private final CallScopes scopes;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread hook;

    private SessionEnd(CallScopes scopes) {
        this.scopes = scopes;
        this.hook = new Thread(this::endOnce, "scms-session-end");
    }

    static SessionEnd register(CallScopes scopes) {
        SessionEnd end = new SessionEnd(scopes);
        Runtime.getRuntime().addShutdownHook(end.hook);
        return end;
    }

    /** Ends the sessions and removes the shutdown hook, so that nothing runs after the store closes. */
    @Override
    public void run() {
        endOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is already shutting down; the session-end hook stays registered");
        }
    }

    private void endOnce() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            scopes.endAll();
        } catch (RuntimeException e) {
            // Sessions.end logs store failures itself; this covers the unexpected, so the server still closes.
            LOG.error("Ending the open sessions failed; their summary rows may be missing", e);
        }
    }
}
