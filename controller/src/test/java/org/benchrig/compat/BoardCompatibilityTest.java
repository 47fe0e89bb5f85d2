package org.benchrig.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** {@code benchrig compat app.py} against the real emulated micro:bit (QEMU, MicroPython 1.9.2). */
@NeedsEmulator
class BoardCompatibilityTest {
    @TempDir
    Path dir;

    @Test
    void sourceImportingMachineUtimeAndJsonMissesJsonOnTheMicrobitAndCachesItsModules() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path main = app.resolve("main.py");
        Files.writeString(main, "import machine\nimport utime\nimport json\n\ndef tick():\n    return utime.ticks_ms()\n");
        Path cfg = CliHarness.writeConfig(dir, "compat-board", new String[] {"mb1"}, new String[0]);

        CliHarness.Result first = CliHarness.run("compat", main.toString(), "--config", cfg.toString(), "--format", "json");
        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(first.out());
        assertThat(missing(report)).containsExactly("json");
        assertThat(origin(report, "json")).isEqualTo(main + ":3");
        assertThat(report.get("findings").get(2).get("uploadable").isNull()).isTrue();
        assertThat(report.get("targets").get(0).get("description").asText()).contains("1.9.2", "micro:bit");
        Path cacheDir = dir.resolve("data/compat/board-modules");
        try (var files = Files.list(cacheDir)) {
            Path cached = files.findFirst().orElseThrow();
            assertThat(cached.getFileName().toString()).startsWith("firmware-");
            assertThat(Files.readString(cached)).contains("\"machine\"", "\"utime\"", "\"microbit\"");
        }

        // the app's own json.py can be uploaded; the module list now comes from the cache
        Files.writeString(app.resolve("json.py"), "def dumps(x):\n    return repr(x)\n");
        CliHarness.Result table = CliHarness.run("compat", app.toString(), "--config", cfg.toString());
        assertThat(table.exit()).as(table.err()).isEqualTo(1);
        assertThat(table.out().lines().map(String::strip)).contains("machine     ok", "utime       ok",
                "json        missing on board");
        assertThat(table.out()).contains("the app's own json.py can be uploaded (benchrig upload mb1 json.py)",
                "asked by " + report.get("targets").get(0).get("checked_by").asText()); // same list, same time asked
    }

    private static List<String> missing(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("verdict").asText().equals("missing")) {
                out.add(f.get("dependency").asText());
            }
        }
        return out;
    }

    private static String origin(JsonNode report, String dep) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("dependency").asText().equals(dep)) {
                return f.get("origin").asText();
            }
        }
        return null;
    }
}
