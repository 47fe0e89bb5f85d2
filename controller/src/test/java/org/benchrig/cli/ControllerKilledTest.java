package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/**
 * The controller killed with SIGKILL in the middle of a run: nothing it printed is lost, the run
 * becomes interrupted at the next start, and that start ends the emulator the dead controller left.
 */
@NeedsEmulator
class ControllerKilledTest {
    private static final Pattern MEASURED = Pattern.compile("^\\[(\\w+)] (\\w+) (cold|warm) #(\\d+): ");

    @TempDir
    Path dir;

    @Test
    void sigkillMidRunKeepsEveryPrintedMeasurementAndTheNextStartCleansUp() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "kill-rig", new String[] {"mb1"}, new String[] {"cpython"});
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.benchrig.cli.Main", "run", "--config", cfg.toString(), "--suite", "default", "--repeat", "3")
                .redirectErrorStream(true);
        pb.environment().put("BENCHRIG_HOME", CliHarness.REPO.toString());
        Process controller = pb.start();
        Set<String> printed = new HashSet<>();
        List<String> transcript = new ArrayList<>();
        long qemuPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(controller.getInputStream(), StandardCharsets.UTF_8))) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int boardLines = 0;
            String line;
            while (boardLines < 4 && System.nanoTime() < until && (line = out.readLine()) != null) {
                transcript.add(line);
                Matcher m = MEASURED.matcher(line);
                if (m.find()) {
                    printed.add(m.group(1) + "/" + m.group(2) + "/" + m.group(3) + "/" + m.group(4));
                    boardLines += m.group(1).equals("mb1") ? 1 : 0;
                }
            }
            assertThat(boardLines).as(String.join("\n", transcript)).isEqualTo(4);
            qemuPid = new ObjectMapper().readTree(dir.resolve("data/run/emulators/mb1.json").toFile()).get("qemuPid").asLong();
            controller.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(controller.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            controller.destroyForcibly();
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(qemuPid);
        assertThat(leftover).as("the killed controller's emulator outlives it").isPresent();

        CliHarness.Result r = CliHarness.run("results", "--config", cfg.toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("state").asText()).isEqualTo("interrupted");
        Set<String> stored = new HashSet<>();
        doc.get("measurements").forEach(m -> stored.add(m.get("target").asText() + "/" + m.get("benchmark").asText()
                + "/" + m.get("mode").asText() + "/" + m.get("repetition").asText()));
        assertThat(stored).containsAll(printed);
        leftover.get().onExit().get(10, TimeUnit.SECONDS);
        assertThat(leftover.get().isAlive()).as("the next start ended the leftover emulator").isFalse();
        assertThat(Files.exists(dir.resolve("data/run/emulators/mb1.json"))).isFalse();
    }
}
