package org.benchrig.selfbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/**
 * {@code selfbench link --stock-tool PATH} runs the tool it is given, on a second emulated board, and
 * judges its output like benchrig's; without it, the imitation is labelled as one. The tools here are
 * stand-ins with pyboard.py's command line (Debian does not package pyboard.py or mpremote).
 */
@NeedsEmulator
class StockToolTest {
    static final Path TOOLS = CliHarness.REPO.resolve("controller/src/test/resources/stock-tools");
    @TempDir
    Path dir;

    private CliHarness.Result selfbench(Path cfg, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("selfbench", "link", "--config",
                cfg.toString(), "--runs", "2", "--stock-runs", "2", "--rtt-runs", "2", "--upload-runs", "1", "--rep-runs", "1",
                "--verified-runs", "0"));
        args.addAll(java.util.List.of(more));
        return CliHarness.run(args.toArray(String[]::new));
    }

    @Test
    void theGivenToolRunsSideBySideAndItsFailuresAreCounted() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "sb-rig", new String[] {"mb1"}, new String[0]);
        CliHarness.Result good = selfbench(cfg, "--stock-tool", TOOLS.resolve("pyboard.py").toString(), "--stock-tool-runs", "3");
        assertThat(good.exit()).as(good.err()).isZero();
        // benchrig must lose nothing; the paced stand-in, like the real pyboard.py, may lose bytes under load, and then
        // the row must say how the first run failed.
        assertThat(good.out()).containsPattern("vs the REAL pyboard\\.py \\(.*stock-tools/pyboard\\.py\\) on a second emulated "
                + "board\\s+3 \\+ 3\\s+0/3 \\(0\\.0%\\)\\s+(0/3 \\(0\\.0%\\); median \\d+ ms per run|[123]/3 \\([0-9.]+%\\); "
                + "median \\d+ ms per run.*; first failure: [A-Z_]+: )")
                .contains("stock: IMITATION of pyboard.py/mpremote", "The REAL row ran ");
        CliHarness.Result bad = selfbench(cfg, "--stock-tool", TOOLS.resolve("garbling-pyboard.py").toString(),
                "--stock-tool-runs", "2");
        assertThat(bad.exit()).as(bad.err()).isZero();
        assertThat(bad.out()).containsPattern("0/2 \\(0\\.0%\\)\\s+2/2 \\(100\\.0%\\).*first failure: WRONG_OUTPUT: not what");
    }

    @Test
    void withoutAToolTheImitationSaysSoWithItsLoad() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "sb-rig", new String[] {"mb1"}, new String[0]);
        CliHarness.Result r = selfbench(cfg);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("stock: IMITATION of pyboard.py/mpremote (StockTransfer)")
                .containsPattern("imitation of pyboard.py/mpremote \\(`StockTransfer`\\), not the tools themselves; .*"
                        + "load average \\(1 min\\) of [0-9.]+ at the start and [0-9.]+ at the end")
                .contains("The real tools were not run: give --stock-tool PATH").doesNotContain("REAL pyboard");
    }
}
