package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** What a lab member sees from boards, exec and upload, on the real emulated board. */
@NeedsEmulator
class BoardCommandsTest {
    @TempDir
    Path dir;

    @Test
    void boardsListsVersionMachineHeapAndFilesystem() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "cli-rig", new String[] {"mb1"}, new String[0]);
        CliHarness.Result r = CliHarness.run("boards", "--config", cfg.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"id\" : \"mb1\"", "\"state\" : \"READY\"", "\"micropython\" : \"1.9.2\"",
                "nRF51822", "\"heap_total\"", "\"fs_free\"");
        CliHarness.Result json = CliHarness.run("boards", "--config", cfg.toString(), "--format", "json");
        JsonNode board = new ObjectMapper().readTree(json.out()).get(0);
        assertThat(board.get("id").asText()).isEqualTo("mb1");
        assertThat(board.get("heap_total").asLong()).isPositive();
        CliHarness.Result csv = CliHarness.run("boards", "--config", cfg.toString(), "--format", "csv");
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.out())) {
            assertThat(it.readAll()).singleElement().satisfies(row -> assertThat(row)
                    .containsEntry("id", "mb1").containsEntry("state", "READY").containsEntry("micropython", "1.9.2"));
        }
        CliHarness.Result table = CliHarness.run("boards", "--config", cfg.toString());
        assertThat(table.out()).contains("board", "heap free/total", "mb1", "READY", "/dev/pts/");
    }

    @Test
    void execPrintsOutputAndExitsOneWithTracebackOnBoardException() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "cli-rig", new String[] {"mb1"}, new String[0]);
        CliHarness.Result ok = CliHarness.run("exec", "mb1", "print(sum(range(10)))", "--config", cfg.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEqualTo("45\n");
        assertThat(ok.err()).contains("benchrig: board opened directly").doesNotContain("via daemon");
        CliHarness.Result bad = CliHarness.run("exec", "mb1", "print('x')\n[][3]", "--config", cfg.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).isEqualTo("x\n");
        assertThat(bad.err()).contains("Traceback", "line 2", "IndexError");
        CliHarness.Result unknown = CliHarness.run("exec", "nope", "print(1)", "--config", cfg.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no board 'nope'", "mb1");
    }

    @Test
    void anUploadIsVerifiedAndThereForTheNextCommandUntilTheBoardIsFlashed() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "cli-rig", new String[] {"mb1"}, new String[0]);
        Path module = dir.resolve("tool.py");
        Files.writeString(module, "def area(w, h):\n    return w * h\n");
        // a daemon killed with SIGKILL left its file: the command notes it and opens the board itself
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path daemonFile = dir.resolve("data/run/daemon.properties");
        Files.createDirectories(daemonFile.getParent());
        Files.writeString(daemonFile, "url=http\\://127.0.0.1\\:9/\npid=" + gone.pid() + "\ntoken_env=BENCHRIG_TOKEN\n");
        CliHarness.Result up = CliHarness.run("upload", "mb1", module.toString(), "tool.py", "--config", cfg.toString());
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).contains("tool.py", "verified");
        assertThat(up.err()).contains("names a daemon (pid " + gone.pid() + ") that is gone", "board opened directly");
        assertThat(daemonFile).doesNotExist();
        // a separate command: the emulator was powered off in between, as a board unplugged overnight
        CliHarness.Result used = CliHarness.run("exec", "mb1", "import os, tool\nprint(os.listdir(), tool.area(3, 4))",
                "--config", cfg.toString());
        assertThat(used.exit()).as(used.err()).isZero();
        assertThat(used.out()).contains("'tool.py'").endsWith(" 12\n");
        assertThat(dir.resolve("data/flash/mb1.flash")).hasSize(256 * 1024);

        CliHarness.Result flashed = CliHarness.run("flash", "mb1", CliHarness.FIRMWARE, "--config", cfg.toString());
        assertThat(flashed.exit()).as(flashed.out() + flashed.err()).isZero();
        CliHarness.Result after = CliHarness.run("exec", "mb1", "import os\nprint(os.listdir())", "--config", cfg.toString());
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).doesNotContain("tool.py");
    }

    @Test
    void malformedConfigExitsTwoWithFileLineAndField() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "rig: x\ndata_dir: data\nboards:\n  - id: mb1\n    kind: emulated\n    firmwre: /nope\n");
        CliHarness.Result r = CliHarness.run("boards", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:6:5: boards[0].firmwre: unknown key; did you mean 'firmware'?");
    }
}
