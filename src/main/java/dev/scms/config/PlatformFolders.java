package dev.scms.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The platform's data and config folders for SCMS, as each operating system's conventions place them. */
public final class PlatformFolders {

    private PlatformFolders() {
    }

    /**
     * Returns {@code $XDG_DATA_HOME/scms} or {@code ~/.local/share/scms} on Linux and other
     * Unix systems, {@code ~/Library/Application Support/scms} on macOS and
     * {@code %APPDATA%\scms} on Windows.
     */
    public static Path dataHome(String osName, Map<String, String> environment, Path userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : userHome.resolve("AppData")
                    .resolve("Roaming");
            return base.resolve("scms");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("scms");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(
                ".local").resolve("share");
        return base.resolve("scms");
    }

    /**
     * Returns {@code $XDG_CONFIG_HOME/scms} or {@code ~/.config/scms} on Linux and other Unix
     * systems; on macOS and Windows it is the data folder, as the conventions of those systems have it.
     */
    public static Path configHome(String osName, Map<String, String> environment, Path userHome) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || os.startsWith("darwin")) {
            return dataHome(osName, environment, userHome);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(
                ".config");
        return base.resolve("scms");
    }
}
