package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** A board that dies in the middle of a run is quarantined; the other board and the host finish. */
@NeedsEmulator
class BoardLostMidRunTest {
    @TempDir
    Path dir;

    @Test
    void deadBoardIsQuarantinedWhileTheOthersFinish() throws Exception {
        Path firmware = Files.copy(Path.of(CliHarness.FIRMWARE), dir.resolve("mb2-firmware.hex"));
        Path cfg = CliHarness.writeConfig(dir, "lost-rig", new String[] {"mb1", "mb2"}, new String[] {"cpython"});
        Files.writeString(cfg, Files.readString(cfg).replaceFirst(
                "(id: mb2\\n    kind: emulated\\n    firmware: )\\S+", "$1" + firmware));
        CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() ->
                CliHarness.run("run", "--config", cfg.toString(), "--suite", "smoke", "--repeat", "3"));
        Path state = dir.resolve("data/run/emulators/mb2.json");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(state) && Files.size(state) > 0);
        long qemu = new ObjectMapper().readTree(state.toFile()).get("qemuPid").asLong();
        Files.delete(firmware); // the board cannot come back: its power cycle finds no image
        ProcessHandle.of(qemu).ifPresent(ProcessHandle::destroyForcibly);

        CliHarness.Result r = run.get(5, TimeUnit.MINUTES);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        // a person puts the image back; the config loads again, the quarantine stays until released
        Files.copy(Path.of(CliHarness.FIRMWARE), firmware);
        CliHarness.Result json = CliHarness.run("results", "--config", cfg.toString(), "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("state").asText()).isEqualTo("done");
        List<JsonNode> mb2 = new ArrayList<>();
        for (JsonNode m : doc.get("measurements")) {
            String target = m.get("target").asText();
            if (target.equals("mb2")) {
                mb2.add(m);
            } else {
                assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok");
            }
        }
        long others = doc.get("measurements").size() - mb2.size();
        assertThat(others).as("mb1: 6 x 3, cpython: 6 x (3 cold + the test protocol's warm values)")
                .isEqualTo(6 * 3 + 6 * (3 + CliHarness.TEST_PROCESSES * CliHarness.TEST_VALUES));
        assertThat(mb2).as("mb2 failed where it died, and no later benchmark pretended to run")
                .anyMatch(m -> m.get("outcome").asText().equals("INFRASTRUCTURE"));

        CliHarness.Result boards = CliHarness.run("boards", "--config", cfg.toString(), "--json");
        JsonNode rows = new ObjectMapper().readTree(boards.out());
        assertThat(rows.get(1).get("id").asText()).isEqualTo("mb2");
        assertThat(rows.get(1).get("state").asText()).isEqualTo("QUARANTINED");
        assertThat(rows.get(1).get("reason").asText()).isNotBlank();

        CliHarness.Result release = CliHarness.run("quarantine", "mb2", "--release", "--config", cfg.toString());
        assertThat(release.out()).contains("board mb2 released");
    }
}
