package dev.scms.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scms.config.EchoedText;
import dev.scms.core.InvalidInputException;
import dev.scms.core.Texts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tolerant reading of tool arguments, as clients really send them: {@code "5"} for 5,
 * {@code ""} and {@code null} for absent, arrays as JSON-encoded strings or comma-separated
 * text, ids as numbers or strings. Anything else invalid raises {@link InvalidInputException}
 * naming the argument. A string that contains U+0000 is rejected. Every string comes back with lone UTF-16 surrogates replaced. A string
 * longer than {@link #MAX_STRING_CHARS} characters, or a list of more than
 * {@link #MAX_LIST_ITEMS} elements, is rejected with its size and the maximum.
 */
final class Arguments {

    /**
     * Maximum length in characters (Unicode code points) of every string argument. A lesson is a few
     * sentences and a query at most an error message with its stack trace, so 20,000 leaves room
     * while keeping one call from storing or embedding megabytes.
     */
    static final int MAX_STRING_CHARS = 20_000;
    /** Maximum number of elements of a list argument, such as tags. */
    static final int MAX_LIST_ITEMS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    Optional<String> string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Texts.isBlank(text) ? Optional.empty() : Optional.of(Texts.sanitise(requireMaxLength(name,
                    Texts.requireNoNul(name, text))));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        throw new InvalidInputException(name, "must be a string, got " + describe(value));
    }

    String requiredString(String name, String hint) {
        return string(name).orElseThrow(() -> new InvalidInputException(name, "is required; " + hint));
    }

    Optional<Integer> integer(String name, int min, int max) {
        return decimal(name).map(number -> {
            if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new InvalidInputException(name, "must lie between " + min + " and " + max + ", got "
                        + shown(number));
            }
            if (number.stripTrailingZeros().scale() > 0) {
                throw new InvalidInputException(name, "must be a whole number between " + min + " and " + max
                        + ", got " + shown(number));
            }
            return number.intValueExact();
        });
    }

    Optional<Double> number(String name, double min, double max) {
        return decimal(name).map(number -> {
            double value = number.doubleValue();
            if (!(value >= min && value <= max)) {
                throw new InvalidInputException(name, "must lie between " + min + " and " + max + ", got "
                        + shown(number));
            }
            return value;
        });
    }

    /**
     * Shows a number as the client may have written it, cut short: {@code toPlainString} of a
     * value such as 1e999999999 would write out a billion digits.
     */
    private static String shown(BigDecimal number) {
        return Texts.truncate(number.toString(), 40);
    }

    /** Reads a memory or retrieval id given as a number, a numeric string, or a string like "#12". */
    Optional<Long> id(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        String text = String.valueOf(value).strip();
        if (text.length() > 40) {
            throw new InvalidInputException(name, "must be a numeric id such as 12, got " + describe(value));
        }
        if (text.startsWith("#")) {
            text = text.substring(1);
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new InvalidInputException(name, "must be a numeric id such as 12, got " + describe(value));
            }
            long id = number.longValueExact();
            if (id < 1) {
                throw new InvalidInputException(name, "must be a positive id, got " + text);
            }
            return Optional.of(id);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(name, "must be a numeric id such as 12, got " + describe(value));
        }
    }

    long requiredId(String name, String hint) {
        return id(name).orElseThrow(() -> new InvalidInputException(name, "is required; " + hint));
    }

    Optional<Boolean> bool(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        String text = String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1" -> Optional.of(true);
            case "false", "no", "0" -> Optional.of(false);
            default -> throw new InvalidInputException(name, "must be true or false, got " + describe(value));
        };
    }

    /** Reads a list of strings: a JSON array, a JSON-encoded array in a string, or comma-separated text. */
    List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            String stripped = requireMaxLength(name, text).strip();
            if (stripped.isEmpty()) {
                return List.of();
            }
            if (stripped.startsWith("[")) {
                return fromJsonArray(name, stripped);
            }
            return clean(name, List.of(stripped.split(",")));
        }
        if (value instanceof Collection<?> items) {
            requireMaxItems(name, items.size());
            List<String> result = new ArrayList<>();
            int index = 0;
            for (Object item : items) {
                if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
                    throw InvalidInputException.element(name, index, "must be a string, got " + describe(item));
                }
                if (item != null) {
                    result.add(requireMaxLength(name, index, String.valueOf(item)));
                }
                index++;
            }
            return clean(name, result);
        }
        throw new InvalidInputException(name, "must be a list of strings, got " + describe(value));
    }

    /** Reads a list and parses each element; an unknown element names the argument and the allowed values. */
    <T> List<T> parsedList(String name, Function<String, Optional<T>> parser, String allowed) {
        List<T> result = new ArrayList<>();
        for (String item : strings(name)) {
            result.add(parser.apply(item).orElseThrow(() -> new InvalidInputException(name, "unknown value "
                    + EchoedText.quote(item) + "; allowed: " + allowed)));
        }
        return result;
    }

    private List<String> fromJsonArray(String name, String text) {
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (parsed instanceof List<?> list) {
                return new Arguments(Map.of(name, list)).strings(name);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name, "looks like a JSON array but does not parse: "
                    + e.getOriginalMessage());
        }
        throw new InvalidInputException(name, "must be a list of strings");
    }

    private Optional<BigDecimal> decimal(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Boolean || value instanceof Map<?, ?> || value instanceof Collection<?>) {
            throw new InvalidInputException(name, "must be a number, got " + describe(value));
        }
        String text = String.valueOf(value).strip();
        if (text.length() > 100) {
            throw new InvalidInputException(name, "must be a number, got " + describe(value));
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a number, got " + describe(value));
        }
    }

    private static String requireMaxLength(String name, String text) {
        if (isTooLong(text)) {
            throw new InvalidInputException(name, tooLong(text));
        }
        return text;
    }

    private static String requireMaxLength(String name, int index, String text) {
        if (isTooLong(text)) {
            throw InvalidInputException.element(name, index, tooLong(text));
        }
        return text;
    }

    private static boolean isTooLong(String text) {
        // Counting UTF-16 units first skips the code point count for every short string.
        return text.length() > MAX_STRING_CHARS && text.codePointCount(0, text.length()) > MAX_STRING_CHARS;
    }

    private static String tooLong(String text) {
        return "is " + text.codePointCount(0, text.length()) + " characters long, more than the maximum of "
                + MAX_STRING_CHARS + "; shorten it";
    }

    private static void requireMaxItems(String name, int items) {
        if (items > MAX_LIST_ITEMS) {
            throw new InvalidInputException(name, "has " + items + " elements, more than the maximum of "
                    + MAX_LIST_ITEMS + "; pass fewer");
        }
    }

    private static List<String> clean(String name, List<String> items) {
        requireMaxItems(name, items.size());
        List<String> cleaned = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item.indexOf('\u0000') >= 0) {
                throw InvalidInputException.element(name, i, Texts.NUL_PROBLEM);
            }
            String stripped = Texts.sanitise(item.strip());
            if (!Texts.isBlank(stripped) && !cleaned.contains(stripped)) {
                cleaned.add(stripped);
            }
        }
        return cleaned;
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return EchoedText.quote(text);
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
