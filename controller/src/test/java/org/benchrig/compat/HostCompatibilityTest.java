package org.benchrig.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.RunsHosts;

/**
 * {@code benchrig compat requirements.txt} against a local package directory, on the real python3
 * and pypy3: which packages install as pure Python, as a C extension, or not at all.
 */
@RunsHosts
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
        String cpTag = LocalPackageIndex.compiledTag("python3");
        CliHarness.Result r = CliHarness.run("compat", requirements.toString(), "--config", config.toString(),
                "--no-index", "--find-links", index.dir().toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1); // something cannot install
        List<String> lines = r.out().lines().map(String::strip).toList();
        // the dependency x target matrix, exactly
        int head = lines.indexOf("dependency  cpython         pypy");
        assertThat(head).as(r.out()).isPositive();
        assertThat(lines.subList(head + 2, head + 7)).containsExactly(
                "purepkg     ok              ok",
                "cpkg        C extension     cannot install",
                "bothpkg     C extension     ok",
                "brokenpkg   cannot install  cannot install",
                "pppkg       cannot install  C extension");
        // the reasons: which file was picked, its tags, why not
        assertThat(finding(lines, "purepkg", "pypy")).contains("pure Python, wheel purepkg-1.0-py3-none-any.whl");
        assertThat(finding(lines, "bothpkg", "cpython")).contains("compiled extension " + cpTag,
                "wheel bothpkg-1.0-" + cpTag + ".whl").doesNotContain("cpyext");
        assertThat(finding(lines, "bothpkg", "pypy")).contains("wheel bothpkg-1.0-py3-none-any.whl");
        assertThat(finding(lines, "cpkg", "cpython")).contains("requirements.txt:3");
        assertThat(finding(lines, "cpkg", "pypy")).contains("no distribution", "the index has only cpkg-1.0-" + cpTag);
        assertThat(finding(lines, "pppkg", "pypy")).contains("cpyext", "slower");
        assertThat(finding(lines, "brokenpkg", "pypy")).contains("brokenpkg-1.0.tar.gz", "failed");
        assertThat(lines).anyMatch(l -> l.startsWith("pypy: PyPy 3.") && l.contains("its own pip"));

        // nothing was installed for either interpreter, and the work directory is gone
        for (String python : List.of("python3", "pypy3")) {
            assertThat(importable(python)).as(python).isEqualTo("[None, None, None, None, None]");
        }
        assertThat(compatTempDirs()).isEqualTo(tmpBefore);
    }

    /** The reason line of one dependency on one target in the table. */
    private static String finding(List<String> lines, String dependency, String target) {
        return lines.stream().filter(l -> l.matches(dependency + "\\s+" + target + "\\s+.*")).findFirst().orElse("");
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
        JsonNode f = report.get("findings").get(0);
        assertThat(f.get("verdict").asText()).isEqualTo("ok");
        assertThat(f.get("distribution").asText()).isEqualTo("purepkg-1.0-py3-none-any.whl");
        assertThat(f.get("tags").asText()).isEqualTo("py3-none-any");
        assertThat(f.get("from_source").asBoolean()).isFalse();
        assertThat(f.get("origin").asText()).isEqualTo(req + ":1");
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
