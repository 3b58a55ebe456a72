package dev.scms.core;

import dev.scms.promotion.StaticPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the use-case tests: a fresh {@link ScmsHarness} with the static policy and default settings per test. */
abstract class HarnessTest {

    @TempDir
    Path temp;

    ScmsHarness harness;

    @BeforeEach
    void openHarness() {
        harness = ScmsHarness.open(temp, StaticPolicy.defaults(), Map.of());
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }
}
