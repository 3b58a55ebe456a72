package dev.scms.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text with {@code [REDACTED:<kind>]} before it is stored. Each rule is one
 * precompiled pattern. Token patterns start only where no token character precedes and use
 * possessive quantifiers, and the one nested quantifier is possessive too, so a scan stays linear
 * in the text.
 * The rules run in order, most specific first. A value that an earlier rule replaced is not
 * counted again, so {@code token=ghp_...} counts as one github_token.
 *
 * <p>A rule runs only when the text contains one of its anchors, so most text skips most rules.
 */
public final class SecretRedactor {

    private static final String TOKEN_END = "(?![A-Za-z0-9_-])";
    private static final String NOT_REDACTED = "(?!\\[REDACTED:)";
    private static final String KEY_NAMES = "(password|passwd|passphrase|pwd|pw|secret[_-]?access[_-]?key|secret[_-]?key"
            + "|secret|api[_-]?key|private[_-]?key|token)";
    private static final String SEPARATOR = "[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}";

    /** Unquoted values that are code or configuration words rather than secrets. */
    private static final Set<String> PLAIN_WORDS = Set.of("null", "none", "nil", "true", "false", "undefined",
            "string", "str", "int", "bool", "boolean", "bytes", "char", "optional", "required", "redacted",
            "secret", "password", "token", "empty", "changeme", "xxxx", "xxxxxxxx", "****", "********");

    /** A dotted name such as {@code self.password}: a reference in code, not a value. */
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_$][\\w$]*+\\.[A-Za-z_$][\\w$.]*+");

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z_]++");

    private static final List<String> KEY_ANCHORS = List.of("pass", "pw", "secret", "key", "token");

    private static final List<Rule> RULES = List.of(
            // A block without its END line (a truncated paste) is replaced up to the end of its base64 lines.
            // Each repetition starts at a line break and the repeat is possessive, so it never backtracks.
            new Rule("private_key", List.of("private key"), Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----"
                    + "(?:[\\s\\S]{0,20000}?-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----"
                    + "|(?:\\R[A-Za-z0-9+/=]{1,100}+){0,300}+)"), 0),
            token("jwt", "eyJ", "[A-Za-z0-9_-]++\\.eyJ[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]*+"),
            token("anthropic_key", "sk-", "ant-[A-Za-z0-9_-]{20,400}+"),
            token("openai_key", "sk-", "(?=[A-Za-z0-9_-]{0,400}\\d)[A-Za-z0-9_-]{32,400}+"),
            token("github_token", "gh", "[pousr]_[A-Za-z0-9]{36,255}+"),
            token("github_token", "github_pat_", "[A-Za-z0-9_]{22,255}+"),
            token("slack_token", "xox", "[abposr]-[A-Za-z0-9-]{10,250}+"),
            new Rule("aws_access_key", List.of("akia", "asia"),
                    Pattern.compile("A(?<![A-Za-z0-9]A)(?:KIA|SIA)[A-Z0-9]{16}(?![A-Za-z0-9])"), 0),
            token("google_api_key", "AIza", "[A-Za-z0-9_-]{35}"),
            token("stripe_key", "sk_live_", "[A-Za-z0-9]{16,255}+"),
            token("stripe_key", "sk_test_", "[A-Za-z0-9]{16,255}+"),
            token("stripe_key", "rk_live_", "[A-Za-z0-9]{16,255}+"),
            token("stripe_key", "rk_test_", "[A-Za-z0-9]{16,255}+"),
            token("stripe_key", "whsec_", "[A-Za-z0-9]{24,255}+"),
            token("gitlab_token", "glpat-", "[A-Za-z0-9_-]{20,255}+"),
            token("huggingface_token", "hf_", "(?=[A-Za-z0-9]{0,255}\\d)[A-Za-z0-9]{30,255}+"),
            token("sendgrid_key", "SG.", "[A-Za-z0-9_-]{16,64}+\\.[A-Za-z0-9_-]{16,128}+"),
            // A Twilio API key is SK and 32 hex digits. Its account SID (AC...) is an id, not a secret.
            token("twilio_key", "SK", "[0-9a-fA-F]{32}"),
            token("npm_token", "npm_", "[A-Za-z0-9]{36,255}+"),
            authorization("bearer_token", "bearer", "[A-Za-z0-9._~+/=-]{8,4096}+"),
            authorization("basic_auth", "basic", "[A-Za-z0-9+/=]{8,4096}+"),
            // The .npmrc keys _authToken and _auth, at a line start or after "//registry.example/:".
            new Rule("npm_token", List.of("_auth"), Pattern.compile("(?:(?<=:)|(?m:^))_(?:authToken|auth)"
                    + "[ \\t]{0,3}=[ \\t]{0,3}" + NOT_REDACTED + "([^\\s\"'$][^\\s\"']{7,4096}+)"), 1),
            // Azure storage and Service Bus connection strings: AccountKey=...;  SharedAccessKey=...;
            new Rule("azure_key", List.of("accountkey", "sharedaccesskey"), Pattern.compile(
                    "(?<![A-Za-z0-9])(?i:AccountKey|SharedAccessKey)[ \\t]{0,3}=[ \\t]{0,3}" + NOT_REDACTED
                    + "([A-Za-z0-9+/]{20,400}+={0,2})"), 1),
            new Rule("connection_password", List.of("://"), Pattern.compile("://(?<=[A-Za-z0-9+.-]://)"
                    + "[^\\s:/@'\"]{1,256}:" + NOT_REDACTED + "([^\\s@/'\"]{1,256})@"), 1),
            assignment("([\"'])" + NOT_REDACTED + "([^\"'\\r\\n]{1,256})\\2", 3),
            assignment(NOT_REDACTED + "([^\\s\"'`,;(){}\\[\\]<>=$%&*!|][^\\s\"'`,;(){}\\[\\]<>]{3,255}+)(?![(.])", 2));

    private SecretRedactor() {
    }

    /**
     * Returns the rule for a token that starts with {@code prefix}. The pattern starts with the
     * literal prefix, which the regex engine finds quickly, and only then checks that no token
     * character precedes it.
     */
    private static Rule token(String kind, String prefix, String rest) {
        String quoted = Pattern.quote(prefix);
        Pattern pattern = Pattern.compile(quoted + "(?<![A-Za-z0-9_-]" + quoted + ")" + rest + TOKEN_END);
        return new Rule(kind, List.of(prefix.toLowerCase(Locale.ROOT)), pattern, 0);
    }

    /**
     * Returns the rule for the credentials of an HTTP {@code Authorization} header with the given
     * scheme. The header name and scheme stay, and only the credentials are replaced.
     */
    private static Rule authorization(String kind, String scheme, String credentials) {
        Pattern pattern = Pattern.compile("[Aa](?<![A-Za-z0-9-][Aa])(?i:uthorization[\"']?[ \\t]{0,3}[:=][ \\t]{0,3}[\"']?"
                + scheme + "[ \\t]{1,3})" + NOT_REDACTED + "(" + credentials + ")");
        return new Rule(kind, List.of("authorization"), pattern, 1);
    }

    /** Returns the rule for a value assigned to a secret's key, replacing {@code group} of {@code value}. */
    private static Rule assignment(String value, int group) {
        Pattern pattern = Pattern.compile("(?i)(?=[pstak])(?<![A-Za-z0-9])" + KEY_NAMES + SEPARATOR + value);
        return new Rule("", KEY_ANCHORS, pattern, group);
    }

    /** Returns the text with every secret found replaced, and the count of each kind replaced. */
    public static Redaction redact(String text) {
        Map<String, Integer> counts = new HashMap<>();
        String lowerCase = text.toLowerCase(Locale.ROOT);
        String redacted = text;
        for (Rule rule : RULES) {
            if (rule.anchors().stream().anyMatch(lowerCase::contains)) {
                redacted = rule.apply(redacted, counts);
            }
        }
        return new Redaction(redacted, counts);
    }

    /** Returns whether the value is a snake_case name that mentions a secret, such as {@code user_password}. */
    private static boolean isSecretVariable(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!SNAKE_CASE.matcher(lower).matches() || !lower.contains("_")) {
            return false;
        }
        return KEY_ANCHORS.stream().anyMatch(lower::contains);
    }

    /**
     * Maps the key of an assignment such as {@code DB_PASSWORD=} to the kind it redacts.
     */
    private static String assignmentKind(String key) {
        String name = key.toLowerCase(Locale.ROOT).replace("-", "_");
        if (name.startsWith("pass") || name.equals("pwd") || name.equals("pw")) {
            return "password";
        }
        if (name.startsWith("api")) {
            return "api_key";
        }
        return name.equals("token") ? "token" : "secret";
    }

    /**
     * One kind of secret. {@code anchors} are lower-case strings of which every match contains
     * one, so a text without any of them skips the pattern. {@code group} is the part of the
     * match that is replaced (0 for all of it). An empty {@code kind} means an assignment, whose
     * kind comes from the key name.
     */
    private record Rule(String kind, List<String> anchors, Pattern pattern, int group) {

        String apply(String text, Map<String, Integer> counts) {
            Matcher matcher = pattern.matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            int copied = 0;
            while (matcher.find()) {
                if (group > 0 && isPlainWord(matcher.group(group))) {
                    continue;
                }
                String found = kind.isEmpty() ? assignmentKind(matcher.group(1)) : kind;
                out.append(text, copied, matcher.start(group)).append("[REDACTED:").append(found).append(']');
                copied = matcher.end(group);
                counts.merge(found, 1, Integer::sum);
            }
            return copied == 0 ? text : out.append(text, copied, text.length()).toString();
        }

        private boolean isPlainWord(String value) {
            return kind.isEmpty() && (PLAIN_WORDS.contains(value.toLowerCase(Locale.ROOT))
                    || DOTTED_NAME.matcher(value).matches() || isSecretVariable(value));
        }
    }
}
