package org.benchrig.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what the app needs from requirements.txt, pyproject.toml and source, and the errors a user sees. */
class DependencyFilesTest {
    @TempDir
    Path dir;

    private AppDependencies read(Path file) {
        return DependencyFiles.read(file, "python3", new Subprocess(dir, java.util.Map.of()));
    }

    @Test
    void requirementsKeepLinesCommentsContinuationsIncludesAndIndexOptions() throws Exception {
        Files.writeString(dir.resolve("base.txt"), "attrs>=23  # shared\n");
        Path req = dir.resolve("requirements.txt");
        Files.writeString(req, "# app\n-r base.txt\n--find-links wheels\nrequests[socks]>=2.31, <3 ; python_version >= '3.8'\n"
                + "numpy \\\n  ==1.26.4\nurl-pkg @ https://example.invalid/p.whl\n");
        AppDependencies app = read(req);
        assertThat(app.dependencies()).extracting(Dependency::name).containsExactly("attrs", "requests", "numpy", "url-pkg");
        assertThat(app.dependencies()).extracting(Dependency::origin)
                .containsExactly(dir.resolve("base.txt") + ":1", req + ":4", req + ":5", req + ":7");
        assertThat(app.pipOptions()).containsExactly("--find-links", dir.resolve("wheels").toString());
    }

    @Test
    void malformedRequirementGivesFileLineAndExitTwo() throws Exception {
        Path req = dir.resolve("requirements.txt");
        Files.writeString(req, "requests\n\nnot a requirement!\n");
        Path cfg = CliHarness.writeConfig(dir, "compat-bad", new String[0], new String[] {"cpython"});
        CliHarness.Result r = CliHarness.run("compat", req.toString(), "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(req + ":3: 'not a requirement!' is not a requirement: expected NAME")
                .doesNotContain("Exception");
        Files.writeString(req, "requests\n-e ./src\n");
        assertThatThrownBy(() -> read(req)).isInstanceOf(MalformedInput.class).hasMessageStartingWith(req + ":2: option -e");
        CliHarness.Result none = CliHarness.run("compat", dir.resolve("nope.txt").toString(), "--config", cfg.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("nope.txt: cannot read: no such file");
    }

    @Test
    void pyprojectDependenciesWithLinesAndItsErrors() throws Exception {
        Path py = dir.resolve("pyproject.toml");
        Files.writeString(py, "[project]\nname = 'app'\ndependencies = [\n  'httpx>=0.27',\n  'orjson',\n]\n");
        AppDependencies app = read(py);
        assertThat(app.dependencies()).extracting(Dependency::requirement).containsExactly("httpx>=0.27", "orjson");
        assertThat(app.dependencies().get(1).origin()).isEqualTo(py + ":5");
        Files.writeString(py, "[project]\nname = 'app'\ndependencies = [ 'ok', 'bad name here' ]\n");
        assertThatThrownBy(() -> read(py)).hasMessageStartingWith(py + ":3: project.dependencies: 'bad name here'");
        Files.writeString(py, "[project]\nname = \n");
        assertThatThrownBy(() -> read(py)).isInstanceOf(MalformedInput.class).hasMessageStartingWith(py + ":2: not valid TOML");
        Files.writeString(py, "[tool.poetry]\nname = 'app'\n");
        assertThatThrownBy(() -> read(py)).hasMessageContaining("no [project] table");
    }

    @Test
    void sourceImportsAreReadWithAstNotRun() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("app/sub"));
        Files.writeString(dir.resolve("app/main.py"), "import os, sys\nfrom sub import tool\nfrom . import local\n"
                + "try:\n    import ujson as json\nexcept ImportError:\n    import json\nraise SystemExit('ran')\n");
        Files.writeString(pkg.resolve("tool.py"), "import sys\nimport machine.pin\n");
        AppDependencies app = read(dir.resolve("app"));
        assertThat(app.dependencies()).extracting(Dependency::name)
                .containsExactly("os", "sys", "sub", "ujson", "json", "machine");
        // the fallback in the handler is what the app needs when the guarded import fails
        assertThat(app.dependencies()).filteredOn(Dependency::optional).extracting(Dependency::name)
                .containsExactly("ujson");
        Files.writeString(pkg.resolve("broken.py"), "def f(:\n");
        assertThatThrownBy(() -> read(dir.resolve("app"))).isInstanceOf(MalformedInput.class)
                .hasMessageContaining("broken.py:1: cannot parse");
    }

    @Test
    void helpModulesOfTheMicrobitAndWheelTags() {
        String answer = "__main__          love              os                time\n"
                + "antigravity       machine           radio             ucollections\n"
                + "gc                neopixel          this\nPlus any modules on the filesystem\n";
        assertThat(HelpModules.parse(answer)).contains("machine", "time", "ucollections", "__main__").hasSize(11);
        assertThatThrownBy(() -> HelpModules.parse("__main__   love  os")).isInstanceOf(CompatFailure.class)
                .hasMessageContaining("no module list");
        assertThat(WheelTags.of("numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl").orElseThrow().pure()).isFalse();
        assertThat(WheelTags.of("attrs-23.2.0-py3-none-any.whl").orElseThrow().pure()).isTrue();
        assertThat(WheelTags.of("pkg-1.0.tar.gz")).isEmpty();
        assertThat(List.of(Verdict.OK.worse(Verdict.C_EXTENSION), Verdict.CANNOT_INSTALL.worse(Verdict.OK)))
                .containsExactly(Verdict.C_EXTENSION, Verdict.CANNOT_INSTALL);
    }
}
