package dev.scms.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The location of a PostgreSQL store, parsed from a libpq URL
 * ({@code postgresql://user[:password]@host[:port]/database?parameters}, also with the scheme
 * {@code postgres://}) or a JDBC URL ({@code jdbc:postgresql://host[:port]/database?user=...}).
 * {@link #display()} never contains the password, so messages and logs may show it.
 *
 * @param hosts one {@code host[:port]} or a comma-separated list, as the JDBC driver takes it
 * @param parameters connection parameters in JDBC driver names, without user and password
 */
public record PostgresUrl(String hosts, String database, String user, Optional<String> password,
        Map<String, String> parameters) {

    /** The environment variable read for the password when the URL has none. */
    public static final String PASSWORD_VARIABLE = "SCMS_STORE_PASSWORD";

    private static final String EXPECTED = "expected postgresql://user[:password]@host[:port]/database, "
            + "postgres://... or jdbc:postgresql://host[:port]/database";

    // scheme, optional user info, host list, optional path, optional query
    private static final Pattern URL = Pattern.compile(
            "(?i)(postgresql|postgres|jdbc:postgresql)://(?:([^@/?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?");

    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "dbname", "database");

    public PostgresUrl {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        parameters = Map.copyOf(parameters);
    }

    /** Returns true when the text starts with a scheme that {@link #parse} reads. */
    public static boolean isPostgresUrl(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql://");
    }

    /**
     * Parses a store URL. The password comes from the URL, else from {@code passwordFallback}
     * (the value of {@link #PASSWORD_VARIABLE}). A missing user is the operating-system user and a
     * missing database is named like the user, as libpq has it.
     *
     * @throws IllegalArgumentException naming the URL without its password when it is invalid
     */
    public static PostgresUrl parse(String text, Optional<String> passwordFallback) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = URL.matcher(text.strip());
        if (!matcher.matches()) {
            throw invalid(text, EXPECTED);
        }
        boolean jdbc = matcher.group(1).toLowerCase(Locale.ROOT).startsWith("jdbc:");
        Map<String, String> parameters = parameters(text, matcher.group(5), jdbc);
        String user = parameters.remove("user");
        String password = parameters.remove("password");

        String userInfo = matcher.group(2);
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(text, colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = decode(text, userInfo.substring(colon + 1));
            }
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "postgres");
        }

        String hosts = hosts(text, matcher.group(3));
        String database = matcher.group(4) == null ? "" : decode(text, matcher.group(4));
        String databaseParameter = parameters.remove("database");
        if (database.isEmpty()) {
            database = databaseParameter == null ? user : databaseParameter;
        }
        if (database.contains("/")) {
            throw invalid(text, "the database name \"" + database + "\" contains a slash; " + EXPECTED);
        }

        Optional<String> resolvedPassword = password == null || password.isEmpty()
                ? passwordFallback.filter(value -> !value.isEmpty()) : Optional.of(password);
        return new PostgresUrl(hosts, database, user, resolvedPassword, parameters);
    }

    /** Returns the URL for the JDBC driver, without user and password, which {@link #properties()} carries. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hosts + "/" + encode(database) + query(parameters);
    }

    /**
     * Returns the connection properties: user, password when known, the application name, and TCP
     * keepalive. Keepalive makes a read from a server that vanished fail once the operating
     * system's keepalive probes go unanswered (after about 2 hours with Linux defaults) instead
     * of never. Parameters of the URL override the last two.
     */
    public Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        password.ifPresent(value -> properties.setProperty("password", value));
        if (!parameters.containsKey("ApplicationName")) {
            properties.setProperty("ApplicationName", "scms");
        }
        if (!parameters.containsKey("tcpKeepAlive")) {
            properties.setProperty("tcpKeepAlive", "true");
        }
        return properties;
    }

    /** Returns the URL in libpq form without the password, for messages and logs. */
    public String display() {
        return "postgresql://" + encode(user) + "@" + hosts + "/" + encode(database) + query(parameters);
    }

    /** Returns this location with another database on the same server. */
    public PostgresUrl withDatabase(String name) {
        return new PostgresUrl(hosts, name, user, password, parameters);
    }

    /** Returns this location with an extra connection parameter, such as {@code currentSchema}. */
    public PostgresUrl withParameter(String name, String value) {
        Map<String, String> extended = new LinkedHashMap<>(parameters);
        extended.put(name, value);
        return new PostgresUrl(hosts, database, user, password, extended);
    }

    @Override
    public String toString() {
        return display();
    }

    /** Returns the text with any password replaced by {@code ***}, for error messages. */
    public static String masked(String text) {
        return text.replaceAll("(://[^:@/?]*):[^@/?]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String hosts(String text, String hosts) {
        if (hosts.isEmpty()) {
            return "localhost:5432";
        }
        StringBuilder checked = new StringBuilder();
        for (String host : hosts.split(",", -1)) {
            // An IPv6 address is bracketed, so its port follows "]:".
            int colon = host.startsWith("[") ? host.indexOf("]:") + 1 : host.lastIndexOf(':');
            boolean hasPort = colon > 0;
            String name = hasPort ? host.substring(0, colon) : host;
            String port = hasPort ? host.substring(colon + 1) : "5432";
            if (name.isEmpty()) {
                throw invalid(text, "a host name is empty; " + EXPECTED);
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid(text, "port \"" + port + "\" of host " + name + " is not a number from 1 to 65535");
            }
            checked.append(checked.length() == 0 ? "" : ",").append(name).append(':').append(port);
        }
        return checked.toString();
    }

    private static Map<String, String> parameters(String text, String query, boolean jdbc) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid(text, "parameter \"" + pair.replaceAll("(?i)^password.*", "password") + "\" has no "
                        + "name=value form");
            }
            String name = decode(text, pair.substring(0, equals));
            String value = decode(text, pair.substring(equals + 1));
            parameters.put(jdbc ? name : LIBPQ_TO_JDBC.getOrDefault(name, name), value);
        }
        return parameters;
    }

    private static String decode(String text, String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "it contains an invalid percent escape; write a literal % as %25");
        }
    }

    private static String encode(String part) {
        return java.net.URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("store URL " + masked(text.strip()) + " is invalid: " + reason);
    }
}
