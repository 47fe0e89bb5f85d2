package org.benchrig.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.HostConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.benchrig.testing.RunsHosts;

/** The sampler and cProfile on real CPython and PyPy, against fixtures whose answer is known. */
@RunsHosts
class ProfileRunnerTest {
    static final Path SCRIPTS = CliHarness.REPO.resolve("firmware-scripts");
    static final Path FIXTURES = SCRIPTS.resolve("profile-fixtures");
    /** Short phases keep the test quick; the default rate. */
    static final ProfileSettings QUICK = new ProfileSettings(1000, 0.5, 1.0, 0.5, true);
    static final Map<String, Profile> RUNS = new ConcurrentHashMap<>();
    /** Most of the samples: PyPy's short phase also samples JIT and GC work outside spin (0.75 seen under load). */
    static final double HOT_SHARE = 0.6;

    static Profile profile(String interpreter, String fixture) {
        return RUNS.computeIfAbsent(interpreter + "/" + fixture, k -> {
            Profile p = new ProfileRunner(new HostConfig(interpreter.replace("3", ""), interpreter, List.of(), "m"),
                    SCRIPTS.resolve("harness"), FIXTURES).run(fixture, "m", null, QUICK);
            assertThat(p.outcome()).as(p.detail()).isEqualTo(Profile.OK);
            return p;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "pypy3"})
    void theKnownHotFunctionIsTheTopSelfTimeFrameInTheSamplerAndInCProfile(String interpreter) {
        Profile p = profile(interpreter, "hotloop");
        TimeShares t = p.shares();
        assertThat(t.hottest()).startsWith("spin (hotloop.py:9)");
        assertThat(t.top().get(0).share()).as(t.top().toString()).isGreaterThan(HOT_SHARE);
        assertThat(t.python()).isGreaterThan(0.8);
        assertThat(p.table().bySelfTime().get(0).function()).isEqualTo("spin");
        assertThat(p.table().bySelfTime().get(0).file()).isEqualTo("hotloop.py");
        assertThat(p.meta()).containsEntry("impl", interpreter.startsWith("pypy") ? "pypy" : "cpython")
                .containsEntry("rate_hz", "1000");
        assertThat(Long.parseLong(p.meta().get("warmup_calls"))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "pypy3"})
    void aBenchmarkThatSleepsIsReportedAsMostlyWaiting(String interpreter) {
        TimeShares t = profile(interpreter, "sleepy").shares();
        assertThat(t.waiting()).isGreaterThan(0.6);
        assertThat(t.hottest()).isEqualTo("[waiting] time.sleep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3", "pypy3"})
    void timeInSortedIsAttributedToBuiltInsUnderItsPythonCaller(String interpreter) {
        Profile p = profile(interpreter, "sorting");
        TimeShares t = p.shares();
        assertThat(t.builtin()).isGreaterThan(t.python()).isGreaterThan(0.4);
        assertThat(t.hottest()).isEqualTo("[built-in] sorted");
        assertThat(p.stacks().stacks()).anySatisfy(s ->
                assertThat(s.frames()).containsExactly("bench (sorting.py:22)", "[built-in] sorted"));
        if (interpreter.equals("python3")) {
            assertThat(p.table().bySelfTime().get(0).function()).contains("sorted");
        } else {   // PyPy's _lsprof lists no built-in calls: their time is the caller's self time
            assertThat(p.table().bySelfTime().get(0).function()).isEqualTo("bench");
        }
    }

    @Test
    void theFoldedExportAndTheSpeedscopeJsonParse() throws Exception {
        Profile p = profile("python3", "hotloop");
        String folded = p.stacks().text();
        assertThat(folded.lines()).isNotEmpty().allMatch(l -> l.matches("[^ ;][^;]*(;[^;]+)* \\d+"));
        assertThat(FoldedStacks.parse(folded, "x.folded")).isEqualTo(p.stacks());

        JsonNode doc = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(Speedscope.of(p)));
        assertThat(doc.get("$schema").asText()).isEqualTo(Speedscope.SCHEMA);
        JsonNode prof = doc.get("profiles").get(0);
        assertThat(prof.get("type").asText()).isEqualTo("sampled");
        assertThat(prof.get("unit").asText()).isEqualTo("microseconds");
        int frames = doc.get("shared").get("frames").size();
        assertThat(prof.get("samples").size()).isEqualTo(prof.get("weights").size()).isPositive();
        long sum = 0;
        for (JsonNode w : prof.get("weights")) {
            sum += w.asLong();
        }
        assertThat(prof.get("endValue").asLong()).isEqualTo(sum);
        for (JsonNode s : prof.get("samples")) {
            s.forEach(i -> assertThat(i.asInt()).isBetween(0, frames - 1));
        }
        assertThat(doc.get("shared").get("frames").findValuesAsText("name")).contains("spin (hotloop.py:9)");
    }

    @Test
    void aDamagedFoldedLineIsNamedByFileAndLine() {
        assertThatThrownBy(() -> FoldedStacks.parse("a;b 10\na;c ten\n", "run.folded"))
                .hasMessageStartingWith("run.folded:2: expected 'frame;frame;... WEIGHT'");
    }

    @Test
    void aMissingInterpreterIsAFailedProfileThatSaysWhich() {
        Profile p = new ProfileRunner(new HostConfig("ghost", "no-such-python3", List.of(), "m"), SCRIPTS.resolve("harness"),
                FIXTURES).run("hotloop", "m", null, QUICK);
        assertThat(p.outcome()).isEqualTo(Profile.FAILED);
        assertThat(p.detail()).contains("ghost").contains("no-such-python3");
    }
}
