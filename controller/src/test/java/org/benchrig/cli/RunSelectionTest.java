package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --run ID|latest} is one mixin: every command that takes it answers a wrong value the same way. */
class RunSelectionTest {
    static final List<String> COMMANDS = List.of("results", "report");

    @TempDir
    Path dir;

    @Test
    void aWrongRunGetsTheSameAnswerFromEveryCommand() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "empty-rig", new String[0], new String[0]);
        Path db = dir.resolve("data/benchrig.db");
        for (String command : COMMANDS) {
            assertUsageError(CliHarness.run(command, "--config", cfg.toString(), "--run", "yesterday"),
                    "benchrig: --run expects a run id or 'latest', got 'yesterday'", command);
            assertUsageError(CliHarness.run(command, "--config", cfg.toString()),
                    "benchrig: no runs stored in " + db + " yet; start one with: benchrig run", command);
            assertUsageError(CliHarness.run(command, "--config", cfg.toString(), "--run", "999"),
                    "benchrig: no run 999 in " + db, command);
        }
    }

    @Test
    void everyCommandShowsTheSameRunOption() {
        for (String command : COMMANDS) {
            CliHarness.Result help = CliHarness.run(command, "--help");
            assertThat(help.out()).as(command).containsPattern("--run=ID\\|latest\\s+run id \\(default: latest\\)");
        }
    }

    private static void assertUsageError(CliHarness.Result r, String message, String command) {
        assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).as(command).isEqualTo(message);
        assertThat(r.out()).as(command).isEmpty();
    }
}
