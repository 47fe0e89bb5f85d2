package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.benchrig.command.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user of any command-line tool expects: help on every command, errors that point at the input. */
class CliConventionsTest {
    @TempDir
    Path dir;

    @Test
    void everySubcommandAnswersHelpAndDashH() {
        List<List<String>> commands = new ArrayList<>();
        walk(Main.commandLine(new Env(Map.of())), new ArrayList<>(), commands);
        assertThat(commands).as("the command tree").hasSizeGreaterThanOrEqualTo(18)
                .contains(List.of("exec"), List.of("selfbench", "link"), List.of("runs"));
        for (List<String> command : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(args + ": " + r.err()).isZero();
                assertThat(r.out()).as(String.valueOf(args)).startsWith("Usage: benchrig " + String.join(" ", command))
                        .contains("-h, --help");
            }
        }
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> into) {
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            into.add(p);
            walk(sub, p, into);
        });
    }

    @Test
    void aConfigThatIsNotUtf8NamesFileLineColumnAndByte() throws Exception {
        Path cfg = dir.resolve("latin1.yaml");
        byte[] text = "rig: caf\u00e9\ndata_dir: data\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(cfg, text);
        CliHarness.Result r = CliHarness.run("runs", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(cfg + ":1:9: (file): not UTF-8: byte 0xE9 at offset 8")
                .doesNotContain("Exception", "java.");
    }
}
