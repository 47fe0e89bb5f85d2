package org.benchrig.cli;

import org.benchrig.command.Env;
import org.benchrig.testing.NeedsEmulator;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * While `benchrig serve` runs, board commands go through it and say so; the board stays booted
 * between commands; a run the daemon executes holds its board. One serve and one emulator for
 * the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NeedsEmulator
class DaemonBoardCommandsTest {
    @TempDir
    static Path dir;
    static Path cfg;
    static ChildController serve;
    static String url;

    @BeforeAll
    static void startServe() throws Exception {
        cfg = CliHarness.writeConfig(dir, "daemon-rig", new String[] {"mb1"}, new String[0]);
        Files.writeString(cfg, Files.readString(cfg) + "web: {bind: 127.0.0.1, port: 0}\nmqtt: {enabled: false}\n");
        serve = new ChildController("serve", "--config", cfg.toString());
        serve.awaitLine(l -> l.startsWith("benchrig serving rig daemon-rig"), 120);
        url = DaemonFile.read(dir.resolve("data")).orElseThrow().url();
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    @Order(1)
    void execGoesThroughTheDaemonAndSaysSo() {
        CliHarness.Result r = CliHarness.run("exec", "mb1", "print(1)", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("1\n");
        assertThat(r.err()).contains("via daemon at " + url.replaceAll("/$", "")).doesNotContain("opened directly");
        CliHarness.Result raised = CliHarness.run("exec", "mb1", "print('x')\n[][3]", "--config", cfg.toString());
        assertThat(raised.exit()).isEqualTo(1);
        assertThat(raised.out()).isEqualTo("x\n");
        assertThat(raised.err()).contains("via daemon", "Traceback", "IndexError");
        CliHarness.Result unknown = CliHarness.run("exec", "nope", "print(1)", "--config", cfg.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no board 'nope'", "mb1");
    }

    @Test
    @Order(2)
    void theLaunchersQuickPathServesExecAndBoardsAndLeavesTheRestToMain() throws Exception {
        Env env = new Env(java.util.Map.of("BENCHRIG_HOME", CliHarness.REPO.toString()));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        var exit = QuickStart.quick(new String[] {"exec", "mb1", "print(6 * 7)", "-c", cfg.toString()}, env,
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(exit).as(err.toString()).contains(0);
        assertThat(out.toString()).isEqualTo("42\n");
        assertThat(err.toString()).contains("via daemon at");
        var boards = QuickStart.quick(new String[] {"boards", "--config=" + cfg}, env,
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(boards).contains(0);
        assertThat(out.toString()).contains("mb1", "READY", "1.9.2");
        for (String[] other : new String[][] {{"exec", "mb1", "print(1)", "--help", "-c", cfg.toString()},
                {"exec", "mb1", "-c", cfg.toString()}, {"upload", "mb1", "x.py", "-c", cfg.toString()},
                {"exec", "mb1", "print(1)", "-c", dir.resolve("missing.yaml").toString()}}) {
            assertThat(QuickStart.quick(other, env, new java.io.PrintWriter(out), new java.io.PrintWriter(err)))
                    .as(String.join(" ", other)).isEmpty();
        }
    }

    @Test
    @Order(3)
    void anUploadIsThereForTheNextCommandAndTheBoardStaysBooted() throws Exception {
        CliHarness.Result before = CliHarness.run("exec", "mb1", "import os\nprint(os.listdir())", "--config", cfg.toString());
        Path emulatorState = dir.resolve("data/run/emulators/mb1.json"); // names the QEMU process while it runs
        String booted = Files.readString(emulatorState);
        Path module = dir.resolve("tool.py");
        Files.writeString(module, "def area(w, h):\n    return w * h\n");
        CliHarness.Result up = CliHarness.run("upload", "mb1", module.toString(), "--config", cfg.toString());
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.out()).contains("mb1: tool.py", "verified");
        assertThat(up.err()).contains("via daemon at");
        CliHarness.Result used = CliHarness.run("exec", "mb1", "import os, tool\nprint(os.listdir(), tool.area(3, 4))",
                "--config", cfg.toString());
        assertThat(used.exit()).as(used.err()).isZero();
        assertThat(used.out()).contains("'tool.py'").endsWith(" 12\n");
        assertThat(before.out()).doesNotContain("tool.py");
        // one emulator served every command: the daemon kept it booted
        assertThat(Files.readString(emulatorState)).isEqualTo(booted);
    }

    @Test
    @Order(4)
    void boardsAndHealthGoThroughTheDaemon() {
        CliHarness.Result boards = CliHarness.run("boards", "--config", cfg.toString(), "--format", "json");
        assertThat(boards.exit()).as(boards.err()).isZero();
        assertThat(boards.out()).contains("\"id\" : \"mb1\"", "\"state\" : \"READY\"", "\"micropython\" : \"1.9.2\"");
        assertThat(boards.err()).contains("via daemon at");
        CliHarness.Result health = CliHarness.run("health", "mb1", "--config", cfg.toString());
        assertThat(health.exit()).as(health.err()).isZero();
        assertThat(health.out()).contains("mb1", "healthy", "1.9.2");
        assertThat(health.err()).contains("via daemon at");
    }

    @Test
    @Order(5)
    void flashGoesThroughTheDaemonAndEmptiesTheFilesystem() {
        // a file of this test's own on the board, so its absence after the flash means something
        CliHarness.Result wrote = CliHarness.run("exec", "mb1", "f = open('left.txt', 'w')\nf.write('x')\nf.close()\n"
                + "import os\nprint(os.listdir())", "--config", cfg.toString());
        assertThat(wrote.exit()).as(wrote.err()).isZero();
        assertThat(wrote.out()).contains("'left.txt'");
        CliHarness.Result flashed = CliHarness.run("flash", "mb1", CliHarness.FIRMWARE, "--config", cfg.toString());
        assertThat(flashed.exit()).as(flashed.out() + flashed.err()).isZero();
        assertThat(flashed.err()).contains("via daemon at");
        assertThat(flashed.out()).contains("flash   emulated", "VERIFIED mb1 runs firmware.hex");
        CliHarness.Result after = CliHarness.run("exec", "mb1", "import os\nprint(os.listdir())", "--config", cfg.toString());
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).doesNotContain("left.txt", "tool.py");
    }

    @Test
    @Order(6)
    void aRunOfTheDaemonHoldsTheBoardAndCommandsAreToldItIsBusy() throws Exception {
        CliHarness.Result queued = CliHarness.run("run", "--suite", "default", "--targets", "mb1", "--repeat", "5",
                "--config", cfg.toString());
        assertThat(queued.exit()).as(queued.err()).isZero();
        assertThat(queued.err()).contains("via daemon at");
        assertThat(queued.out()).contains("queued on the daemon: suite default, targets [mb1], 5 repetitions");
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create(url + "api/runs")).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"running\""));
        CliHarness.Result busy = CliHarness.run("exec", "mb1", "print(1)", "--config", cfg.toString());
        assertThat(busy.exit()).isEqualTo(3);
        assertThat(busy.out()).isEmpty();
        assertThat(busy.err()).contains("via daemon at").containsPattern("board mb1 is busy: run \\d+ since \\d\\d:\\d\\d");
        CliHarness.Result boards = CliHarness.run("boards", "--config", cfg.toString());
        assertThat(boards.out()).contains("BUSY").containsPattern("board mb1 is busy: run \\d+");
    }
}
