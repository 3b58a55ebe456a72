package dev.scms.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads one TOML settings file into a {@link SettingsLayer}. Keys are the {@link SettingKey} keys
 * at the top level; each value must have the TOML type of its {@link SettingType}. The loader
 * checks ranges and names afterwards, so this class rejects only what it can see in the file:
 * invalid TOML, unknown keys, wrong types and, in a project file, {@link UserOnlySettings}.
 */
public final class TomlSettingsFile {

    /** Larger files are rejected unread, because a project file arrives with any repository a user clones. */
    static final int MAX_BYTES = 1024 * 1024;

    private static final TomlMapper TOML = new TomlMapper();

    private TomlSettingsFile() {
    }

    /**
     * Reads {@code file} as a layer of {@code origin}, which must be one of the two file origins.
     *
     * @throws InvalidSettingException when the file cannot be read or contains an invalid setting.
     *         The message names the file, and for invalid TOML also the line and column.
     */
    public static SettingsLayer read(Path file, SettingsLayer.Origin origin) {
        String text = readText(file, origin);
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingException("invalid TOML in " + SettingsLayer.describeFile(origin, file)
                    + where(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()));
        }
        return parse(root, file, origin);
    }

    /** Parses TOML text that did not come from a file, for tests. */
    static SettingsLayer parse(String text, Path file, SettingsLayer.Origin origin) throws JsonProcessingException {
        return parse(TOML.readTree(text), file, origin);
    }

    private static SettingsLayer parse(JsonNode root, Path file, SettingsLayer.Origin origin) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        Set<Map.Entry<String, JsonNode>> fields = root == null ? Set.of() : root.properties();
        for (Map.Entry<String, JsonNode> field : fields) {
            SettingKey key = SettingKeys.exact(field.getKey()).orElseThrow(() -> new InvalidSettingException(
                    "unknown setting " + EchoedText.quote(field.getKey()) + " in "
                            + SettingsLayer.describeFile(origin, file) + "; " + SettingKeys.hint(field.getKey())));
            if (origin == SettingsLayer.Origin.PROJECT_FILE) {
                rejectUserOnly(key, file);
            }
            values.put(key, value(key, field.getValue(), SettingsLayer.describeFile(origin, file), file));
        }
        return new SettingsLayer(origin, Optional.of(file), values);
    }

    private static void rejectUserOnly(SettingKey key, Path file) {
        Optional<String> reason = UserOnlySettings.reason(key);
        if (reason.isPresent()) {
            throw new InvalidSettingException("setting " + key.key() + " is not allowed in project settings file "
                    + file + ", because " + reason.get() + "; set it in your user settings file config.toml, with "
                    + key.environmentVariable() + " or with --set " + key.key() + "=VALUE");
        }
    }

    private static String value(SettingKey key, JsonNode node, String source, Path file) {
        SettingType type = SettingType.of(key);
        boolean fits = switch (type) {
            case PATH, TEXT -> node.isTextual();
            case INTEGER -> node.isIntegralNumber();
            case DECIMAL -> node.isNumber();
            case BOOLEAN -> node.isBoolean();
            case DOMAIN_MAP -> node.isTextual() || node.isObject();
        };
        if (!fits) {
            throw wrongType(key, node, source, type);
        }
        if (type == SettingType.PATH) {
            return resolvePath(node.asText(), file);
        }
        if (key == SettingKey.PROJECT && PathText.isRelativePath(node.asText())) {
            return resolvePath(node.asText(), file);
        }
        if (type == SettingType.DOMAIN_MAP && node.isObject()) {
            return domainPairs(key, node, source);
        }
        return node.asText();
    }

    private static String domainPairs(SettingKey key, JsonNode table, String source) {
        StringJoiner pairs = new StringJoiner(",");
        for (Map.Entry<String, JsonNode> domain : table.properties()) {
            if (!domain.getValue().isTextual() || domain.getKey().contains(",") || domain.getKey().contains("=")) {
                throw new InvalidSettingException("invalid setting " + key.key() + " (" + source + "): domain "
                        + EchoedText.quote(domain.getKey()) + " must be a name without ',' or '=' set to text in "
                        + "quotes, e.g. react = \"high-churn\"");
            }
            pairs.add(domain.getKey() + "=" + domain.getValue().asText());
        }
        return pairs.toString();
    }

    /** Resolves a relative path against the file's folder; {@code ~} paths are left for the loader and resolver. */
    private static String resolvePath(String value, Path file) {
        if (value.isBlank() || value.startsWith("~")) {
            return value;
        }
        try {
            Path path = Path.of(value);
            Path folder = file.toAbsolutePath().getParent();
            return path.isAbsolute() || folder == null ? value : folder.resolve(path).normalize().toString();
        } catch (InvalidPathException e) {
            return value;
        }
    }

    private static InvalidSettingException wrongType(SettingKey key, JsonNode node, String source, SettingType type) {
        String expected = type.expected();
        if (node.isTextual() && (type == SettingType.INTEGER || type == SettingType.DECIMAL
                || type == SettingType.BOOLEAN)) {
            expected += " without quotes";
        }
        return new InvalidSettingException("invalid setting " + key.key() + " (" + source + "): "
                + describe(node) + " must be " + expected + ", e.g. " + example(key, type));
    }

    /** Describes a TOML value as the file wrote it: a decimal number keeps its fraction, so 5.0 is not shown as 5. */
    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a table";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "text " + EchoedText.quote(node.asText());
        }
        if (node.isFloatingPointNumber()) {
            return "the decimal number " + decimal(node);
        }
        return "the value " + node.asText();
    }

    /**
     * Returns a TOML float as text. The parser gives 5.0 as the number 5, but a TOML float always
     * has a fraction or an exponent, so a whole value gets its ".0" back.
     */
    private static String decimal(JsonNode node) {
        String text = node.numberValue().toString();
        return text.matches("-?\\d+") ? text + ".0" : text;
    }

    private static String example(SettingKey key, SettingType type) {
        String example = switch (type) {
            case PATH -> "\"~/scms\"";
            case TEXT, DOMAIN_MAP -> "\"" + key.defaultValue() + "\"";
            case INTEGER, DECIMAL, BOOLEAN -> key.defaultValue().isBlank() ? "3" : key.defaultValue();
        };
        return type == SettingType.DOMAIN_MAP ? "domain_stability = \"react=high-churn\"" : key.key() + " = "
                + example;
    }

    private static String readText(Path file, SettingsLayer.Origin origin) {
        String described = SettingsLayer.describeFile(origin, file);
        String fix = origin == SettingsLayer.Origin.PROJECT_FILE ? "remove it or replace it with a TOML file"
                : "replace it with a TOML file or name another file with --config or SCMS_CONFIG";
        if (Files.isDirectory(file)) {
            throw new InvalidSettingException(described + " is a folder; " + fix);
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new InvalidSettingException(described + " is a link to a file that does not exist; " + fix);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InvalidSettingException(described + " is not a regular file (a device, pipe or socket); "
                    + fix);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidSettingException(described + " is larger than " + MAX_BYTES
                        + " bytes; a settings file contains a few lines of TOML");
            }
            // A strict decoder, because a file saved in another encoding must not pass with replaced characters.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException(described + " not found; create it or name another "
                    + "file with --config or SCMS_CONFIG");
        } catch (AccessDeniedException e) {
            throw new InvalidSettingException(described + " cannot be read: permission denied; "
                    + "check its permissions");
        } catch (CharacterCodingException e) {
            throw new InvalidSettingException(described + " is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw new InvalidSettingException(described + " cannot be read: " + e.getMessage());
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String message) {
        return message == null ? "syntax error" : message.strip().replaceAll("\\s+", " ");
    }
}
