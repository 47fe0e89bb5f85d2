package org.benchrig.web;

import org.benchrig.testing.BrowserSession;
import org.benchrig.testing.NeedsBrowser;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.StatsSettings;
import org.benchrig.report.Html;
import org.benchrig.report.Report;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.WarmupValue;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.benchrig.store.WarmupRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages a user decides on (compare, run against run, run, the HTML report) in headless
 * Chromium, on two runs written to the store directly: sieve where PyPy is clearly faster,
 * bigint where CPython's and PyPy's samples overlap, and run 2 with CPython's sieve 30 % slower; each
 * host process warms up from 4x its steady time per call (one of PyPy's on strbuild never gets steady).
 */
@NeedsBrowser
class DecisionPagesTest {
    static final List<String> HOSTS = List.of("cpython", "pypy");
    static final int REPS = 8;
    /** Process start-up added to a host's cold call to make its whole-process time. */
    static final long SPAWN_NS = 40_000_000;
    /** A host's worker processes (its warm values are taken in turn from each). */
    static final int PROCESSES = 2;
    /** Calls of each warm-up value of a process, in order: 26 calls before its values (the steady point is call 27). */
    static final long[] WARMUP_LOOPS = {1, 1, 2, 4, 8, 10};
    static final int VALUE_LOOPS = 10;
    /** How much slower per call a process's first warm-up value is than its values; each next one halves the excess. */
    static final double WARMUP_SLOWDOWN = 4;

    @RegisterExtension
    static final BrowserSession CHROMIUM = new BrowserSession();
    @TempDir
    static Path dir;
    static ServedRig served;
    static Store store;
    static WebServer web;
    static Browser browser;
    static BrowserContext desk;
    static BrowserContext phone;
    /** Errors and warnings the pages logged (ECharts warns there about options it cannot draw). */
    static final List<String> CONSOLE = new java.util.concurrent.CopyOnWriteArrayList<>();
    static long run1;
    static long run2;

    @BeforeAll
    static void start() throws Exception {
        served = ServedRig.open(CliHarness.writeConfig(dir, "decide-rig", new String[] {}, HOSTS.toArray(String[]::new)), null);
        store = served.store();
        web = served.web();
        run1 = fixtureRun(1.0);
        run2 = fixtureRun(1.3);
        browser = CHROMIUM.browser();
        desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
        desk.setDefaultTimeout(20_000);
        phone.setDefaultTimeout(20_000);
    }

    /** One run of three benchmarks on the two hosts and board mb1; {@code sieveFactor} scales CPython's sieve. */
    static long fixtureRun(double sieveFactor) {
        long id = store.startRun("decide-rig", "default", List.of("mb1", "cpython", "pypy"), REPS, "cfg");
        store.recordTarget(id, new TargetInfo("mb1", "board", "micropython", "1.9.2", "/dev/pts/9", "abc", "1.9.2",
                "microbit", "heap_total=10000;instruments=simulated"));
        store.recordTarget(id, new TargetInfo("cpython", "host", "cpython", "3.11.2", "/usr/bin/python3", null, null, "amd64", ""));
        store.recordTarget(id, new TargetInfo("pypy", "host", "pypy", "7.3.11", "/usr/bin/pypy3", null, null, "amd64", ""));
        store.recordBenchmark(id, new BenchmarkInfo("sieve", "int", "s", "n=2000", "s1", "ok"));
        store.recordBenchmark(id, new BenchmarkInfo("fannkuch", "int", "s", "n=7", "s4", "ok"));
        store.recordBenchmark(id, new BenchmarkInfo("bigint", "bigint", "s", "n=50", "s2", "ok"));
        store.recordBenchmark(id, new BenchmarkInfo("strbuild", "string", "s", "n=300", "s3", "ok"));
        add(id, "cpython", "sieve", (long) (2_000_000 * sieveFactor), 0);
        add(id, "pypy", "sieve", 150_000, 0);
        add(id, "cpython", "fannkuch", 4_200_000, 0);
        add(id, "pypy", "fannkuch", 330_000, 0);
        add(id, "cpython", "bigint", 1_500_000, 0);
        add(id, "pypy", "bigint", 1_500_000, 3);   // the same level, the values interleaved: overlapping samples
        add(id, "cpython", "strbuild", 1_100_000, 0);
        add(id, "pypy", "strbuild", 310_000, 0);
        for (String b : List.of("sieve", "fannkuch", "bigint", "strbuild")) {
            add(id, "mb1", b, 90_000_000, 1);
        }
        store.finishRun(id, RunState.DONE, null);
        return id;
    }

    /**
     * REPS cold and REPS warm values around {@code ns}, spread ±2 % in a pattern shifted by {@code phase}; a
     * host's warm values come from {@link #PROCESSES} worker processes, each after the warm-up values of
     * {@link #WARMUP_LOOPS}, the first of them {@link #WARMUP_SLOWDOWN} times slower per call.
     */
    static void add(long run, String target, String bench, long ns, int phase) {
        boolean host = !target.startsWith("mb");
        for (int r = 0; r < REPS; r++) {
            long v = Math.round(ns * (1 + 0.005 * (((r + phase) * 3) % 8 - 3.5)));
            HeapUse heap = host ? new HeapUse(null, null, null, 20_000L + r) : new HeapUse(9000L, 8000L, 8900L, null);
            long cold = host ? v * 3 : v;
            int process = r % PROCESSES;
            store.addMeasurement(new Measurement(run + target + bench + "c" + r, run, target, bench, "s", r, Mode.COLD, cold,
                    host ? cold + SPAWN_NS : null, heap, "ok", Outcome.ok(), Instant.EPOCH, null,
                    host ? HostValue.cold(r, null, null, cold) : null));
            store.addMeasurement(new Measurement(run + target + bench + "w" + r, run, target, bench, "s", r, Mode.WARM, v,
                    null, heap, "ok", Outcome.ok(), Instant.EPOCH, null,
                    host ? HostValue.warm(VALUE_LOOPS, process, WARMUP_LOOPS.length, !unsteady(target, bench, process),
                            v * VALUE_LOOPS) : null));
        }
        for (int process = 0; host && process < PROCESSES; process++) {
            List<WarmupValue> warmups = new java.util.ArrayList<>();
            for (int i = 0; i < WARMUP_LOOPS.length; i++) {
                double slower = 1 + (WARMUP_SLOWDOWN - 1) / Math.pow(2, i);
                warmups.add(new WarmupValue(target, bench, process, i, WARMUP_LOOPS[i], Math.round(ns * slower * WARMUP_LOOPS[i])));
            }
            new WarmupRecords(store).add(run, warmups);
        }
    }

    /** PyPy's second process on strbuild ran out of warm-up time before it was steady. */
    static boolean unsteady(String target, String bench, int process) {
        return target.equals("pypy") && bench.equals("strbuild") && process == 1;
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    static Page open(BrowserContext c, String path, String ready) {
        Page p = c.newPage();
        p.onConsoleMessage(m -> {
            // the browser asks for /favicon.ico by itself; the pages have none
            boolean favicon = m.location().contains("/favicon.ico");
            if ((m.type().equals("error") || m.type().equals("warning")) && !favicon) {
                CONSOLE.add(path + ": " + m.text() + " (" + m.location() + ")");
            }
        });
        p.onPageError(e -> CONSOLE.add(path + ": " + e));
        p.navigate(web.url() + path);
        p.locator(ready).first().waitFor();
        return p;
    }

    @Test
    void theComparePageGivesARatioAndAVerdictPerClassAndSaysNoSignificantDifferenceForOverlappingSamples() {
        Page p = open(desk, "compare?run=" + run1, "#verdicts");
        Locator classes = p.locator("#verdicts tr.class-row");
        assertThat(classes.count()).isEqualTo(3);
        for (int i = 0; i < classes.count(); i++) {
            Locator row = classes.nth(i);
            for (String mode : List.of("cold", "warm")) {
                Locator duel = row.locator(".duel[data-mode=" + mode + "]");
                assertThat(duel.getAttribute("data-verdict")).as(row.getAttribute("data-class") + " " + mode)
                        .isIn("faster", "no significant difference", "no verdict");
                assertThat(duel.textContent()).containsPattern("\\d(\\.\\d+)?×");
            }
        }
        Locator bigint = p.locator("#verdicts tr.class-row[data-class=bigint] .duel[data-mode=warm]");
        assertThat(bigint.getAttribute("data-verdict")).isEqualTo("no significant difference");
        assertThat(bigint.locator(".winner").count()).as("no crowned winner without significance").isZero();
        Locator sieve = p.locator("#verdicts tr.class-row[data-class=int] .duel[data-mode=warm]");
        assertThat(sieve.getAttribute("data-verdict")).isEqualTo("faster");
        assertThat(sieve.textContent()).contains("PyPy").containsPattern("1[0-9]× faster").containsPattern("\\[\\d+× – \\d+×\\]");
        // a row per benchmark under a class of several, decided the same way
        assertThat(p.locator("#verdicts tr.bench-row").evaluateAll("rs => rs.map(r => r.dataset.benchmark)"))
                .isEqualTo(List.of("fannkuch", "sieve"));
        assertThat(p.locator("#verdicts tr.bench-row[data-benchmark=sieve] .duel[data-mode=warm]").textContent())
                .containsPattern("1[0-9]× faster");
        // the baseline chart: log-ratio axis said, whiskers, and "n.s." on bigint
        Locator chart = p.locator("#relative-warm");
        assertThat(chart.textContent()).contains("log-ratio axis", "speed relative to cpython");
        chart.locator(".echart svg text", new Locator.LocatorOptions().setHasText("n.s.")).first().waitFor();
        assertThat(chart.locator(".echart svg text").allTextContents()).as("value labels and the axis' ratio ticks")
                .anyMatch(t -> t.matches("\\d+(\\.\\d+)?× n\\.s\\.")).contains("1×").anyMatch(t -> t.matches("1/\\d+×"));
        RenderedCharts.assertRendered(chart);
        assertThat(CONSOLE).as("console errors and warnings").isEmpty();
        assertThat(chart.locator("details table tbody tr").count()).as("a text table behind the chart: 4 benchmarks x pypy, mb1").isEqualTo(8);
        // caveats once per page: the simulated board is said once
        String text = p.locator("main").textContent();
        assertThat(text.split("simulated instruments", -1).length - 1).isEqualTo(1);
        assertThat(p.title()).isEqualTo("Compare interpreters, run " + run1 + " - benchrig");
        // the top of the page is kept for the app-class matrix and the break-even modules
        assertThat(p.locator("main > #compare-top").count()).isEqualTo(1);
        p.close();
    }

    @Test
    void runAgainstRunFromTheRunsPageListsTheChangedBenchmarkFirst() {
        Page p = open(desk, "runs", "#runs");
        assertThat(p.locator("#compare-runs").isDisabled()).isTrue();
        p.locator("input[name=pick][value='" + run2 + "']").check();
        p.locator("input[name=pick][value='" + run1 + "']").check();
        p.locator("#compare-runs").click();
        p.locator("#changes tbody tr").first().waitFor();
        assertThat(p.url()).endsWith("/changes?a=" + run1 + "&b=" + run2);
        Locator first = p.locator("#changes tbody tr").first();
        assertThat(first.getAttribute("data-benchmark")).isEqualTo("sieve");
        assertThat(first.getAttribute("data-target")).isEqualTo("cpython");
        assertThat(first.getAttribute("data-verdict")).isEqualTo("slower");
        assertThat(first.textContent()).contains("+30.0 %");
        assertThat(p.locator("#changes tbody tr[data-verdict='no significant change'], #changes tbody tr[data-verdict='no verdict']").count())
                .isEqualTo(p.locator("#changes tbody tr").count() - 2);   // sieve on cpython, cold and warm
        assertThat(p.locator("#changes tbody tr").nth(1).getAttribute("data-benchmark")).isEqualTo("sieve");
        Locator changeChart = p.locator("#change-chart");
        changeChart.locator(".echart svg text", new Locator.LocatorOptions().setHasText("×")).first().waitFor();
        RenderedCharts.assertRendered(changeChart);
        assertThat(p.locator("main").textContent()).as("nothing absent is printed").doesNotContain("null");
        assertThat(CONSOLE).as("console errors and warnings").isEmpty();
        assertThat(changeChart.locator("details table tbody tr").count()).as("a text table behind the chart")
                .isEqualTo(p.locator("#changes tbody tr").count());
        assertThat(p.title()).isEqualTo("Run " + run1 + " against run " + run2 + " - benchrig");
        // linkable, and "latest" names the newest finished run
        p.navigate(web.url() + "changes?a=" + run1 + "&b=latest");
        p.locator("#changes tbody tr").first().waitFor();
        assertThat(p.locator("h2#title").textContent()).isEqualTo("Run " + run1 + " → run " + run2);
        p.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunPageHasOneRowPerBenchmarkAndADistributionPerTarget() {
        Page p = open(desk, "run?id=" + run1, "#summary");
        assertThat(p.locator("#summary tbody tr").count()).isEqualTo(4);
        Locator sieve = p.locator("#summary tbody tr[data-benchmark=sieve]");
        assertThat(sieve.locator("td[data-target=pypy][data-mode=warm]").textContent()).isEqualTo("150.0");
        assertThat(sieve.textContent()).contains("pypy 13×");
        assertThat(p.locator("#summary thead").textContent()).contains("cpython", "cold µs", "warm µs", "process µs").doesNotContain(" us");
        for (String b : List.of("sieve", "fannkuch", "bigint", "strbuild")) {
            Locator d = p.locator("#distributions .dist[data-benchmark=" + b + "]");
            assertThat((List<Object>) d.locator(".strip-fig").evaluateAll("fs => [...new Set(fs.map(f => f.dataset.target))]"))
                    .as(b).containsExactlyInAnyOrder("mb1", "cpython", "pypy");
        }
        RenderedCharts.assertRendered(p.locator("#distributions"));
        assertThat(CONSOLE).as("console errors and warnings").isEmpty();
        p.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunPageDrawsEachHostsWarmUpCurveWithItsSteadyPointMarked() {
        Page p = open(desk, "run?id=" + run1, "#warmup figure.warmup");
        for (String b : List.of("sieve", "fannkuch", "bigint", "strbuild")) {
            assertThat((List<Object>) p.locator("#warmup figure.warmup[data-benchmark=" + b + "]")
                    .evaluateAll("fs => fs.map(f => f.dataset.target)")).as(b + ": a chart per host, none for the board")
                    .containsExactly("cpython", "pypy");
        }
        Locator fig = p.locator("#warmup figure.warmup[data-benchmark=sieve][data-target=pypy]");
        RenderedCharts.assertRendered(p.locator("#warmup"));
        // what ECharts was told to draw: the axes with their units, a line per process with its own marker
        Map<String, Object> o = (Map<String, Object>) fig.locator(".echart").evaluate("async b => {"
                + " const e = await import('/vendor/echarts.esm.min.js'); const o = e.getInstanceByDom(b).getOption();"
                + " return { x: o.xAxis[0].name, xType: o.xAxis[0].type, y: o.yAxis[0].name,"
                + "  symbols: o.series.map(s => s.symbol), points: o.series.map(s => s.data.length),"
                + "  firstUs: o.series.map(s => s.data[0][1]), steadyAt: o.series.map(s => s.data.filter(d => d.symbolSize).map(d => d.value[0])),"
                + "  marks: o.series[0].markLine.data.map(d => d.xAxis ?? d.yAxis) }; }");
        assertThat((String) o.get("x")).contains("call number");
        assertThat(o.get("xType")).isEqualTo("log");
        assertThat(o.get("y")).isEqualTo("µs per call");
        assertThat((List<Object>) o.get("symbols")).as("a marker per process").hasSize(PROCESSES).doesNotHaveDuplicates();
        int points = WARMUP_LOOPS.length + REPS / PROCESSES;
        assertThat((List<Number>) o.get("points")).as("every warm-up value and value").containsOnly(points);
        assertThat((List<Number>) o.get("firstUs")).as("the first call, 4x the steady 150 µs")
                .allSatisfy(v -> assertThat(v.doubleValue()).isEqualTo(600.0));
        long warmupCalls = java.util.Arrays.stream(WARMUP_LOOPS).sum();
        assertThat((List<List<Number>>) o.get("steadyAt")).as("each process's first value circled")
                .allSatisfy(l -> assertThat(l).extracting(Number::doubleValue).containsExactly((double) warmupCalls + VALUE_LOOPS));
        List<Number> marks = (List<Number>) o.get("marks");
        assertThat(marks.get(0).doubleValue()).as("steady point: the first call of the values").isEqualTo(warmupCalls + 1.0);
        assertThat(marks.get(1).doubleValue()).as("the steady time per call (µs)").isBetween(148.0, 152.0);
        assertThat(fig.locator(".echart svg text").allTextContents()).contains("steady from call " + (warmupCalls + 1), "µs per call");
        // the text table behind the chart: every point, the steady point said per process
        Locator rows = fig.locator("details table tbody tr");
        assertThat(rows.count()).isEqualTo(PROCESSES * points);
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("steady point")).count()).isEqualTo(PROCESSES);
        assertThat(rows.first().textContent()).contains("process 0, call 1", "600.0", "warm-up");
        // a process that never got steady is said: on its chart, and as a warning on its benchmark's row
        assertThat(p.locator("#warmup figure.warmup[data-benchmark=strbuild][data-target=pypy] figcaption").textContent())
                .contains("not steady (time cap reached)");
        assertThat(p.locator("#summary tr[data-benchmark=strbuild]").textContent()).contains("pypy warm: 1 process never steady");
        assertThat(p.locator("#summary tr[data-benchmark=sieve]").textContent()).doesNotContain("never steady");
        assertThat(CONSOLE).as("console errors and warnings").isEmpty();
        p.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryChartOverlaysEveryTargetWithItsOwnMarkerAndDash() {
        Page p = open(desk, "history?benchmark=sieve", "#charts figure[data-mode=warm] canvas");
        assertThat(p.title()).isEqualTo("History of sieve on cpython, mb1, pypy - benchrig");
        Locator live = p.locator("header #live-run");
        assertThat(List.of(live.getAttribute("role"), live.getAttribute("aria-live"), live.textContent()))
                .as("a live region that will say \"Run N is running\"; no run runs now").isEqualTo(List.of("status", "polite", ""));
        Locator warm = p.locator("#charts figure[data-mode=warm]");
        List<List<Object>> series = (List<List<Object>>) warm.evaluate("f => f.plot.series.filter(s => s.marker)"
                + ".map(s => [s.label, s.marker, JSON.stringify(s.dash), f.plot.data[f.plot.series.indexOf(s)].filter(v => v != null).length])");
        assertThat(series).extracting(s -> s.get(0)).containsExactly("cpython", "mb1", "pypy");
        assertThat(series).extracting(s -> s.get(1)).as("markers").doesNotHaveDuplicates();
        assertThat(series).extracting(s -> s.get(2)).as("dashes").doesNotHaveDuplicates();
        assertThat(series).extracting(s -> ((Number) s.get(3)).intValue()).as("a median per run").containsOnly(2);
        assertThat(warm.evaluate("f => f.plot.scales.y.distr")).as("the board's 90 ms beside PyPy's 150 µs: a log axis").isEqualTo(3);
        assertThat(p.locator("#scale").inputValue()).isEqualTo("log");
        assertThat((List<Object>) warm.locator("ul.legend li").evaluateAll("ls => ls.map(l => l.dataset.marker)"))
                .as("the legend shows each marker").isEqualTo(series.stream().map(s -> s.get(1)).toList());
        // the numbers behind it: a line per run, target and mode, CPython's sieve 30 % slower in run 2
        assertThat(p.locator("#history tbody tr").count()).isEqualTo(2 * 3 * 2);
        assertThat(p.locator("#history tbody tr[data-target=cpython][data-mode=warm][data-run='" + run2 + "'] [data-field=change]")
                .textContent()).isEqualTo("+30.0%");
        p.navigate(web.url() + "history?benchmark=sieve&target=pypy&target=mb1&scale=log");
        p.locator("#charts figure[data-mode=warm] canvas").waitFor();
        assertThat(p.title()).isEqualTo("History of sieve on pypy, mb1 - benchrig");
        assertThat(p.locator("#pick-targets input:checked").evaluateAll("is => is.map(i => i.value)")).isEqualTo(List.of("mb1", "pypy"));
        assertThat(p.locator("#charts figure[data-mode=warm]").evaluate("f => f.plot.series.filter(s => s.marker).length")).isEqualTo(2);
        assertThat(p.locator("#charts figure[data-mode=warm]").evaluate("f => [f.plot.scales.y.distr, f.plot.axes[1].label]"))
                .as("a log time axis, said so").isEqualTo(List.of(3, "µs (log scale)"));
        assertThat(CONSOLE).as("console errors and warnings").isEmpty();
        p.close();
    }

    @Test
    void onAPhoneNoCellOverflowsItsColumnAndNoNumberWraps() {
        for (String path : List.of("compare?run=" + run1, "changes?a=" + run1 + "&b=" + run2, "run?id=" + run1,
                "history?benchmark=sieve")) {
            Page p = open(phone, path, "main table");
            p.locator("main figure .echart svg, main figure canvas").first().waitFor();
            Object sticking = p.evaluate("() => [...document.querySelectorAll('main figure, main .legend')]"
                    + ".filter(f => f.getBoundingClientRect().right > window.innerWidth + 1).map(f => f.textContent.slice(0, 40))");
            assertThat((List<?>) sticking).as("charts and legends past the screen's edge on " + path).isEmpty();
            Object overflowing = p.evaluate("() => [...document.querySelectorAll('main table:not(details:not([open]) table) td, "
                    + "main table:not(details:not([open]) table) th')]"
                    + ".filter(c => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 40))");
            assertThat((List<?>) overflowing).as("cells wider than their column on " + path).isEmpty();
            Object wrapped = p.evaluate("() => [...document.querySelectorAll('main .num')].filter(n => n.offsetParent !== null"
                    + " && n.getClientRects().length > 1).map(n => n.textContent)");
            assertThat((List<?>) wrapped).as("numbers broken over lines on " + path).isEmpty();
            Object pageFits = p.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
            assertThat(pageFits).as("no sideways scrolling on " + path).isEqualTo(true);
            p.close();
        }
    }

    @Test
    void theReportsFirstTableIsTheDecisionMatrixAndItsReproduceBlockNamesTheRunsConfig() throws Exception {
        Path report = dir.resolve("report.html");
        Files.writeString(report, Html.render(Report.build(store, run1, Path.of("rig-configs/sim.yaml"), "another-hash",
                StatsSettings.DEFAULT)));
        Page p = desk.newPage();
        p.navigate(report.toUri().toString());
        // the decision first: by app class (issue 14), then by workload class, before any chart
        assertThat(p.locator("table").nth(0).getAttribute("id")).isEqualTo("app-classes");
        assertThat(p.locator("table").nth(1).getAttribute("id")).isEqualTo("decision-matrix");
        assertThat(p.locator("#decision-matrix tbody tr").count()).isEqualTo(3);
        assertThat(p.locator("body").textContent()).contains("logarithmic").contains("sha256 is cfg")
                .doesNotContain("sha256sum rig-configs/sim.yaml");
        p.close();
    }
}
