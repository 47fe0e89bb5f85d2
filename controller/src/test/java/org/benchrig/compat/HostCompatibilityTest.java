package org.benchrig.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchrig compat requirements.txt} against a local package directory, on the real python3
 * and pypy3: which packages install as pure Python, as a C extension, or not at all.
 */
class HostCompatibilityTest {
    private static final List<String> PACKAGES = List.of("purepkg", "cpkg", "bothpkg", "brokenpkg", "pppkg");

    @TempDir
    static Path dir;
    static LocalPackageIndex index;
    static Path requirements;
    static Path config;

    @BeforeAll
    static void buildIndex() throws Exception {
        index = new LocalPackageIndex(dir);
        index.pureWheel("purepkg");
        index.compiledWheel("cpkg", LocalPackageIndex.compiledTag("python3"));     // CPython only
        index.pureWheel("bothpkg");
        index.compiledWheel("bothpkg", LocalPackageIndex.compiledTag("python3"));  // CPython prefers this one
        index.brokenSdist("brokenpkg");                                            // no wheel, build fails
        index.compiledWheel("pppkg", LocalPackageIndex.compiledTag("pypy3"));      // PyPy only
        requirements = dir.resolve("requirements.txt");
        Files.writeString(requirements, "# the app's dependencies\npurepkg\ncpkg>=1.0\nbothpkg==1.0\n\nbrokenpkg\npppkg  # a PyPy build\n");
        config = CliHarness.writeConfig(dir, "compat-rig", new String[0], new String[] {"cpython", "pypy"});
    }

    @Test
    void eachInterpreterGetsOkCExtensionOrCannotInstallFromItsOwnPip() throws Exception {
        Set<Path> tmpBefore = compatTempDirs();
        CliHarness.Result json = CliHarness.run("compat", requirements.toString(), "--config", config.toString(),
                "--no-index", "--find-links", index.dir().toString(), "--format", "json");
        assertThat(json.exit()).as(json.err()).isEqualTo(1); // something cannot install
        JsonNode report = new ObjectMapper().readTree(json.out());
        Map<String, String> verdicts = new HashMap<>();
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode f : report.get("findings")) {
            String key = f.get("dependency").asText() + "@" + f.get("target").asText();
            verdicts.put(key, f.get("verdict").asText());
            byKey.put(key, f);
        }
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "purepkg@cpython", "ok", "purepkg@pypy", "ok",
                "cpkg@cpython", "c_extension", "cpkg@pypy", "cannot_install",
                "bothpkg@cpython", "c_extension", "bothpkg@pypy", "ok",
                "brokenpkg@cpython", "cannot_install", "brokenpkg@pypy", "cannot_install",
                "pppkg@cpython", "cannot_install", "pppkg@pypy", "c_extension"));
        assertThat(byKey.get("purepkg@pypy").get("distribution").asText()).isEqualTo("purepkg-1.0-py3-none-any.whl");
        assertThat(byKey.get("purepkg@pypy").get("tags").asText()).isEqualTo("py3-none-any");
        assertThat(byKey.get("bothpkg@cpython").get("tags").asText()).isEqualTo(LocalPackageIndex.compiledTag("python3"));
        assertThat(byKey.get("bothpkg@pypy").get("distribution").asText()).isEqualTo("bothpkg-1.0-py3-none-any.whl");
        assertThat(byKey.get("cpkg@cpython").get("from_source").asBoolean()).isFalse();
        assertThat(byKey.get("pppkg@pypy").get("reason").asText()).contains("cpyext", "slower");
        assertThat(byKey.get("cpkg@cpython").get("reason").asText()).doesNotContain("cpyext");
        assertThat(byKey.get("cpkg@pypy").get("reason").asText()).contains("no distribution", "cpkg-1.0-cp");
        assertThat(byKey.get("brokenpkg@pypy").get("reason").asText()).contains("brokenpkg-1.0.tar.gz", "failed");
        assertThat(byKey.get("cpkg@cpython").get("origin").asText()).endsWith("requirements.txt:3");
        assertThat(report.get("targets").get(1).get("description").asText()).startsWith("PyPy 3.");

        // the same answer as a dependency x target table
        CliHarness.Result table = CliHarness.run("compat", requirements.toString(), "--config", config.toString(),
                "--no-index", "--find-links", index.dir().toString(), "--target", "pypy");
        assertThat(table.exit()).as(table.err()).isEqualTo(1);
        assertThat(table.out().lines().map(String::strip)).contains("dependency  pypy", "purepkg     ok",
                "cpkg        cannot install", "bothpkg     ok", "brokenpkg   cannot install", "pppkg       C extension");

        // nothing was installed for either interpreter, and the work directory is gone
        for (String python : List.of("python3", "pypy3")) {
            assertThat(importable(python)).as(python).isEqualTo("[None, None, None, None, None]");
        }
        assertThat(compatTempDirs()).isEqualTo(tmpBefore);
    }

    @Test
    void anInterpreterWithoutPipIsAskedThroughATemporaryVenv() throws Exception {
        Path noPip = dir.resolve("python-without-pip");
        Files.writeString(noPip, "#!/bin/sh\n# python3 without site-packages: it has no pip\nexec python3 -S \"$@\"\n");
        noPip.toFile().setExecutable(true);
        Path cfg = dir.resolve("nopip.yaml");
        Files.writeString(cfg, "rig: nopip\nplatform: simulated\ndata_dir: data\nboards: []\nhosts:\n"
                + "  - id: bare\n    interpreter: " + noPip + "\n");
        Path req = dir.resolve("one.txt");
        Files.writeString(req, "purepkg\n");
        CliHarness.Result r = CliHarness.run("compat", req.toString(), "--config", cfg.toString(), "--no-index",
                "--find-links", index.dir().toString(), "--format", "json");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("targets").get(0).get("checked_by").asText()).contains("temporary venv (ensurepip)");
        assertThat(report.get("findings").get(0).get("verdict").asText()).isEqualTo("ok");
    }

    /** find_spec for every package: None unless something installed it where the interpreter looks. */
    private static String importable(String python) throws Exception {
        Process p = new ProcessBuilder(python, "-c", "import importlib.util as u; print([u.find_spec(n) for n in "
                + PACKAGES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(",", "(", ")")) + "])")
                .directory(dir.resolve("build").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    private static Set<Path> compatTempDirs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("benchrig-compat")).collect(Collectors.toSet());
        }
    }
}
