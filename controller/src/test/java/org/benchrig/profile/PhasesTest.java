package org.benchrig.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.benchrig.cli.CliHarness;
import org.benchrig.result.HarnessFrame;
import org.junit.jupiter.api.Test;

/** harness/phases.py, the board's stand-in for a profiler, prints its phases in one checked frame. */
class PhasesTest {
    @Test
    void namedPhasesComeBackInOrderWithTheirTimesInOneFrame() throws Exception {
        String nonce = HarnessFrame.freshNonce();
        String script = "import sys, time; sys.path.insert(0, 'harness'); import phases\n"
                + "phases.ph('load'); time.sleep(0.02)\nphases.ph('a,b:c'); sum(range(1000))\nphases.ph(None)\n"
                + "phases.out('" + nonce + "')\n";
        Process p = new ProcessBuilder("python3", "-c", script).directory(CliHarness.REPO.resolve("firmware-scripts").toFile())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        HarnessFrame f = HarnessFrame.scan(out, nonce).frame().orElseThrow(() -> new AssertionError(out));
        String[] phases = f.get("phases").split(",");
        assertThat(phases).hasSize(2);
        assertThat(phases[0]).startsWith("load:");
        assertThat(Long.parseLong(phases[0].substring(5))).isBetween(19_000L, 2_000_000L);
        assertThat(phases[1]).startsWith("a/b/c:");   // separators in a name cannot break the field
    }
}
