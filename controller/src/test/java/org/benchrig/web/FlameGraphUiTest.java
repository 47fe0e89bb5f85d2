package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.HostConfig;
import org.benchrig.profile.BoardProfiles;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileArchive;
import org.benchrig.profile.ProfileRunner;
import org.benchrig.profile.ProfileSettings;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.BrowserSession;
import org.benchrig.testing.NeedsBrowser;
import org.benchrig.testing.RunsHosts;

/**
 * The run page's flame graphs in headless Chromium, drawn from real profiles (CPython and PyPy)
 * of the profiler fixtures, one with a function and a file named like HTML markup.
 */
@NeedsBrowser
@RunsHosts
class FlameGraphUiTest {
    static final Path SCRIPTS = CliHarness.REPO.resolve("firmware-scripts");
    static final ProfileSettings QUICK = new ProfileSettings(1000, 0.3, 0.8, 0.3, true);

    @RegisterExtension
    static final BrowserSession CHROMIUM = new BrowserSession();
    @TempDir
    static Path dir;
    static ServedRig served;
    static Page page;
    static long runId;
    static final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        served = ServedRig.open(CliHarness.writeConfig(dir, "flame-rig", new String[] {}, new String[] {"cpython", "pypy"}), null);
        Store store = served.store();
        runId = store.startRun("flame-rig", "profile:hotloop", List.of("cpython", "pypy", "mb1"), 1, null);
        ProfileArchive archive = new ProfileArchive(store);
        Path fixtures = SCRIPTS.resolve("profile-fixtures");
        for (String[] run : new String[][] {{"cpython", "python3", "hotloop"}, {"pypy", "pypy3", "hotloop"},
                {"cpython", "python3", "sorting"}, {"cpython", "python3", "hostile"}}) {
            Profile p = new ProfileRunner(new HostConfig(run[0], run[1], List.of(), "m"), SCRIPTS.resolve("harness"), fixtures)
                    .run(run[2], "m", null, QUICK);
            assertThat(p.outcome()).as(p.detail()).isEqualTo(Profile.OK);
            archive.add(runId, p);
        }
        archive.add(runId, BoardProfiles.note("mb1", "hotloop", "s"));
        store.finishRun(runId, RunState.DONE, null);

        page = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.setDefaultTimeout(30_000);
        page.navigate(served.web().url() + "run?id=" + runId);
        page.locator("#profiles").waitFor();
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    static Locator card(String bench, String target) {
        return page.locator("#profiles .profile-bench[data-benchmark='" + bench + "'] .profile[data-target='" + target + "']");
    }

    @Test
    void theFlameGraphShowsTheHotFunctionByNameForCPythonAndPyPySideBySide() {
        for (String target : List.of("cpython", "pypy")) {
            Locator hot = card("hotloop", target).locator("svg g.frame text", new Locator.LocatorOptions().setHasText("spin (hotloop.py:9)"));
            assertThat(hot.count()).isEqualTo(1);
            assertThat(hot.isVisible()).isTrue();
            assertThat(card("hotloop", target).locator(".top-self li").first().textContent()).startsWith("spin (hotloop.py:9)");
        }
        var a = card("hotloop", "cpython").boundingBox();
        var b = card("hotloop", "pypy").boundingBox();
        assertThat(Math.abs(a.y - b.y)).isLessThan(2);
        assertThat(b.x).isGreaterThan(a.x + a.width - 1);
        assertThat(card("hotloop", "cpython").locator(".shares").textContent()).contains("Python").contains("built-ins/C").contains("waiting");
        assertThat(card("hotloop", "mb1").textContent()).contains("MicroPython 1.9.2 has no profiler hook");
    }

    @Test
    void clickingANarrowFrameZoomsItToTheFullWidth() {
        Locator svg = card("sorting", "cpython").locator("svg");
        double full = Double.parseDouble(svg.getAttribute("width"));
        Locator narrow = card("sorting", "cpython").locator("g.frame[data-name='[built-in] min']");
        double before = Double.parseDouble(narrow.getAttribute("data-width"));
        assertThat(before).isLessThan(full * 0.5);
        narrow.click();
        Locator zoomed = card("sorting", "cpython").locator("g.frame[data-name='[built-in] min']");
        assertThat(Double.parseDouble(zoomed.getAttribute("data-width"))).isEqualTo(full, org.assertj.core.api.Assertions.within(0.5));
        assertThat(zoomed.locator("text").textContent()).isEqualTo("[built-in] min");
        assertThat(card("sorting", "cpython").locator("g.frame[data-name='[built-in] sorted']").count()).isZero();
        card("sorting", "cpython").locator("g.frame[data-name='all']").click();
        assertThat(card("sorting", "cpython").locator("g.frame[data-name='[built-in] sorted']").count()).isEqualTo(1);
    }

    @Test
    void searchMarksTheMatchingFrames() {
        card("hotloop", "cpython").locator("input[type=search]").fill("spin");
        assertThat(card("hotloop", "cpython").locator("g.frame.match").count()).isEqualTo(1);
        assertThat(card("hotloop", "cpython").locator(".flame-found").textContent()).matches("matched (9\\d|100)\\.\\d %");
    }

    @Test
    void hostileFunctionAndFileNamesAreShownAsText() {
        Locator frame = card("hostile", "cpython").locator("g.frame", new Locator.LocatorOptions().setHasText("<script>alert(2)</script>"));
        assertThat(frame.count()).isEqualTo(1);
        assertThat(frame.locator("title").textContent()).contains("<script>alert(2)</script> (<img src=x onerror=alert(1)>.py:1)");
        assertThat(card("hostile", "cpython").locator(".top-self code").first().textContent())
                .isEqualTo("<script>alert(2)</script> (<img src=x onerror=alert(1)>.py:1)");
        assertThat(page.locator("#profiles script, #profiles img").count()).isZero();
        assertThat(dialogs).isEmpty();
    }
}
