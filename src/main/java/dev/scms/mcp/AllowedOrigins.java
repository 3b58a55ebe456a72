package dev.scms.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values of the {@code Origin} header that the HTTP server accepts. Browsers send Origin with
 * every cross-origin request, so rejecting unknown origins stops a web page, including one whose
 * host name was rebound to 127.0.0.1 (DNS rebinding), from calling the server. Clients that are
 * not browsers send no Origin, and a request without one passes. The origins of pages served from
 * this machine (http or https on localhost, 127.0.0.1 and [::1], any port) are always allowed. An
 * allowed origin {@code scheme://host:*} matches every port of that host, and the host without a
 * port, which a browser sends for the scheme's default port.
 */
public final class AllowedOrigins {

    private static final List<String> LOOPBACK = List.of("http://localhost:*", "https://localhost:*",
            "http://127.0.0.1:*", "https://127.0.0.1:*", "http://[::1]:*", "https://[::1]:*");

    private final List<String> patterns;

    private AllowedOrigins(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Returns the loopback origins and the given ones.
     *
     * @throws IllegalArgumentException for an origin that is not {@code scheme://host[:port]} or
     *         {@code scheme://host:*}
     */
    public static AllowedOrigins loopbackAnd(List<String> extra) {
        List<String> patterns = new ArrayList<>(LOOPBACK);
        for (String origin : extra) {
            patterns.add(checked(origin));
        }
        return new AllowedOrigins(patterns);
    }

    /** Returns true when a request with this Origin header may pass; a missing header passes. */
    boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String value = origin.strip().toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.endsWith(":*") ? anyPort(value, pattern.substring(0, pattern.length() - 2))
                    : value.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code value} is {@code origin} with a port or without one, which means the scheme's default port. */
    private static boolean anyPort(String value, String origin) {
        return value.equals(origin) || value.startsWith(origin + ":") && isPort(value.substring(origin.length() + 1));
    }

    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    }

    private static String checked(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        String parsed = value.endsWith(":*") ? value.substring(0, value.length() - 2) : value;
        try {
            URI uri = new URI(parsed);
            boolean valid = uri.getScheme() != null && uri.getHost() != null && (uri.getPath() == null
                    || uri.getPath().isEmpty()) && uri.getQuery() == null && uri.getFragment() == null
                    && uri.getUserInfo() == null && (!value.endsWith(":*") || uri.getPort() == -1);
            if (valid) {
                return value;
            }
        } catch (URISyntaxException e) {
            // Reported below with the value, as for any other invalid origin.
        }
        throw new IllegalArgumentException("invalid origin '" + origin + "'; write it as the browser sends it, "
                + "scheme://host or scheme://host:port, or scheme://host:* for any port, e.g. https://app.example.com");
    }
}
