package dev.scms.app;

import dev.scms.config.EchoedText;
import dev.scms.core.InvalidInputException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address that {@code scms serve --http} listens on: {@code PORT} (on 127.0.0.1),
 * {@code HOST:PORT}, or {@code [IPv6]:PORT}. Port 0 lets the system choose a free port.
 */
record HttpAddress(String host, InetSocketAddress socket) {

    static final String DEFAULT_HOST = "127.0.0.1";
    private static final String FORMS = "; write PORT, HOST:PORT or [IPv6]:PORT, e.g. 8765 or 127.0.0.1:8765";

    /**
     * Parses the value of {@code --http}.
     *
     * @throws InvalidInputException naming the value when it is malformed, the port is out of
     *         range or the host does not resolve
     */
    static HttpAddress parse(String value) {
        String text = value == null ? "" : value.strip();
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? DEFAULT_HOST : text.substring(0, colon);
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(value, "an IPv6 host needs brackets");
        }
        if (host.isEmpty()) {
            throw invalid(value, "the host is empty");
        }
        return new HttpAddress(host, new InetSocketAddress(resolve(value, host), port(value, port)));
    }

    /** Returns true when the server is reachable only from this machine. */
    boolean isLoopback() {
        return socket.getAddress().isLoopbackAddress();
    }

    private static int port(String value, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw invalid(value, "the port " + EchoedText.quote(port) + " is not a number from 0 to 65535");
        }
        int number = Integer.parseInt(port);
        if (number > 65_535) {
            throw invalid(value, "the port " + number + " is above 65535");
        }
        return number;
    }

    private static InetAddress resolve(String value, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw invalid(value, "the host " + EchoedText.quote(host) + " does not resolve to an address");
        }
    }

    private static InvalidInputException invalid(String value, String problem) {
        return new InvalidInputException("http", EchoedText.quote(value == null ? "" : value) + " is not a valid "
                + "address: " + problem + FORMS);
    }
}
