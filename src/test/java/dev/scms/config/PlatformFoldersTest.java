package dev.scms.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformFoldersTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxDefaultsToLocalShare() {
        assertThat(PlatformFolders.dataHome("Linux", Map.of(), HOME)).isEqualTo(Path.of("/home/ada/.local/share/scms"));
    }

    @Test
    void linuxFollowsXdgDataHome() {
        Path home = PlatformFolders.dataHome("Linux", Map.of("XDG_DATA_HOME", "/data/xdg"), HOME);

        assertThat(home).isEqualTo(Path.of("/data/xdg/scms"));
    }

    @Test
    void linuxIgnoresRelativeXdgDataHome() {
        Path home = PlatformFolders.dataHome("Linux", Map.of("XDG_DATA_HOME", "relative/xdg"), HOME);

        assertThat(home).isEqualTo(Path.of("/home/ada/.local/share/scms"));
    }

    @Test
    void macUsesApplicationSupport() {
        Path home = PlatformFolders.dataHome("Mac OS X", Map.of(), HOME);

        assertThat(home).isEqualTo(Path.of("/home/ada/Library/Application Support/scms"));
    }

    @Test
    void windowsUsesAppData() {
        String appData = "C:\\Users\\ada\\AppData\\Roaming";

        Path home = PlatformFolders.dataHome("Windows 11", Map.of("APPDATA", appData), HOME);

        assertThat(home).isEqualTo(Path.of(appData).resolve("scms"));
    }

    @Test
    void windowsWithoutAppDataUsesRoamingUnderHome() {
        Path home = PlatformFolders.dataHome("Windows 11", Map.of(), HOME);

        assertThat(home).isEqualTo(HOME.resolve("AppData").resolve("Roaming").resolve("scms"));
    }

    @Test
    void linuxConfigDefaultsToDotConfig() {
        assertThat(PlatformFolders.configHome("Linux", Map.of(), HOME)).isEqualTo(Path.of("/home/ada/.config/scms"));
    }

    @Test
    void linuxConfigFollowsXdgConfigHome() {
        Path config = PlatformFolders.configHome("Linux", Map.of("XDG_CONFIG_HOME", "/etc/xdg-ada"), HOME);

        assertThat(config).isEqualTo(Path.of("/etc/xdg-ada/scms"));
    }

    @Test
    void macAndWindowsConfigIsDataFolder() {
        Map<String, String> environment = Map.of("APPDATA", "C:\\Users\\ada\\AppData\\Roaming");

        assertThat(PlatformFolders.configHome("Mac OS X", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/scms"));
        assertThat(PlatformFolders.configHome("Windows 11", environment, HOME))
                .isEqualTo(PlatformFolders.dataHome("Windows 11", environment, HOME));
    }
}
