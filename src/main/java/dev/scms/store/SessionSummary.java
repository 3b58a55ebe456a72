package dev.scms.store;

import dev.scms.model.ProjectKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The row kept for one ended MCP session: who it was, when, and what it retrieved, used and logged.
 * {@code id} is 0 until the store assigns one. {@code project} is the project of the session's
 * latest retrieval, empty when it retrieved nothing.
 *
 * @param memoriesReturned the memories its retrievals returned, counted once per retrieval
 * @param distinctMemories the different memories among them
 * @param uses uses recorded, without repeats of the same retrieval
 */
public record SessionSummary(long id, String sessionKey, Optional<ProjectKey> project, String clientName,
        String clientVersion, Instant startedAt, Instant endedAt, int retrievals, int memoriesReturned,
        int distinctMemories, int uses, int helpfulUses, int failuresLogged, int failuresRediscovered) {

    public SessionSummary {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("session " + sessionKey + " ended at " + endedAt + ", before it started at "
                    + startedAt);
        }
        if (retrievals < 0 || memoriesReturned < 0 || distinctMemories < 0 || uses < 0 || helpfulUses < 0
                || failuresLogged < 0 || failuresRediscovered < 0) {
            throw new IllegalArgumentException("session " + sessionKey + " has a negative count");
        }
    }

    /** Returns this summary with the id the store assigned. */
    public SessionSummary withId(long newId) {
        return new SessionSummary(newId, sessionKey, project, clientName, clientVersion, startedAt, endedAt, retrievals,
                memoriesReturned, distinctMemories, uses, helpfulUses, failuresLogged, failuresRediscovered);
    }
}
