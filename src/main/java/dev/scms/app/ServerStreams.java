package dev.scms.app;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the process's real stdout for the MCP transport and points {@code System.out} at
 * stderr, so that no library, log or stray print can write into the JSON-RPC channel.
 */
final class ServerStreams {

    private static OutputStream protocolOut;

    private ServerStreams() {
    }

    /** Takes stdout for the protocol; called first thing in server mode, before any logging starts. */
    static synchronized void claimStdout() {
        if (protocolOut == null) {
            protocolOut = new FileOutputStream(FileDescriptor.out);
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        }
    }

    static synchronized OutputStream protocolOut() {
        claimStdout();
        return protocolOut;
    }

    static InputStream protocolIn() {
        return new FileInputStream(FileDescriptor.in);
    }
}
