package dev.scms.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedOriginsTest {

    private final AllowedOrigins origins = AllowedOrigins.loopbackAnd(List.of("https://app.example.com",
            "http://tools.example.com:*"));

    @Test
    void missingOriginPasses() {
        assertThat(origins.allows(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6274", "http://127.0.0.1:3000", "http://[::1]:80",
        "https://localhost:8443", "https://127.0.0.1", "http://localhost", "https://[::1]", "https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "http://tools.example.com:8080"})
    void allowedOriginsPass(String origin) {
        assertThat(origins.allows(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "https://app.example.com:8443", "http://app.example.com",
        "http://localhost.evil.example:80", "http://127.0.0.1.evil.example:80", "http://tools.example.com:80x",
        "http://localhost.evil.example", "https://127.0.0.1x", "null", ""})
    void otherOriginsRejected(String origin) {
        assertThat(origins.allows(origin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com", "https://app.example.com/path", "https://", "https://a.b/?q=1"})
    void invalidAllowedOriginNamesValue(String origin) {
        assertThatThrownBy(() -> AllowedOrigins.loopbackAnd(List.of(origin)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid origin '" + origin + "'");
    }
}
