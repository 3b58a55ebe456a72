package dev.scms.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scms.config.SettingsFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsChecksTest {

    @Test
    void unknownVariableIsWarnLine() {
        SettingsFiles.Stack stack = SettingsFiles.stack(new SettingsFiles.Request(Map.of("SCMS_MIN_RELEVENCE", "0.9"),
                Map.of(), Optional.empty(), Path.of("/nonexistent/config"),
                Optional.empty(), Path.of("/nonexistent/work")));

        List<Check> checks = SettingsChecks.files(stack);

        assertThat(checks).contains(Check.warn("settings", "environment variable 'SCMS_MIN_RELEVENCE' is not a "
                + "setting and is ignored; did you mean SCMS_MIN_RELEVANCE?"));
        assertThat(new DoctorReport(checks, Map.of(), Optional.empty()).failed()).isFalse();
    }
}
