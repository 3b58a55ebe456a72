package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scms.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAddressTest {

    @Test
    void portAloneBindsLoopback() {
        HttpAddress address = HttpAddress.parse("8765");

        assertThat(address.socket().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.socket().getPort()).isEqualTo(8765);
        assertThat(address.isLoopback()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:80, 127.0.0.1, 80, true", "[::1]:9000, 0:0:0:0:0:0:0:1, 9000, true",
        "0.0.0.0:8765, 0.0.0.0, 8765, false", "localhost:0, 127.0.0.1, 0, true"})
    void hostAndPortParse(String value, String host, int port, boolean loopback) {
        HttpAddress address = HttpAddress.parse(value);

        assertThat(address.socket().getAddress().getHostAddress()).isEqualTo(host);
        assertThat(address.socket().getPort()).isEqualTo(port);
        assertThat(address.isLoopback()).isEqualTo(loopback);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "127.0.0.1:", ":8080", "127.0.0.1:65536", "127.0.0.1:-1", "::1:8080",
        "127.0.0.1:80a", "no-such-host.invalid:8080"})
    void invalidAddressNamesValue(String value) {
        assertThatThrownBy(() -> HttpAddress.parse(value)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + value + "' is not a valid address")
                .hasMessageContaining("write PORT, HOST:PORT or [IPv6]:PORT");
    }
}
