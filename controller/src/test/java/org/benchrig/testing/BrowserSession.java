package org.benchrig.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's headless Chromium through Playwright, once per test class: register it as
 * {@code @RegisterExtension static final BrowserSession CHROMIUM = new BrowserSession();} and use
 * {@link #browser()} from {@code @BeforeAll} on. It starts before the class's {@code @BeforeAll}
 * and closes after its {@code @AfterAll}: the browser (with every context and page opened in it),
 * Playwright's driver and the browser's own HOME, exactly what it started.
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Path home;
    private Playwright playwright;
    private Browser browser;

    /** The browser of this class; new contexts and pages come from it. */
    public Browser browser() {
        if (browser == null) {
            throw new IllegalStateException("the browser starts before @BeforeAll: register BrowserSession as a static @RegisterExtension field");
        }
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Tier.requireFull("Chromium", NeedsBrowser.class);
        home = Files.createTempDirectory("benchrig-browser-");
        // Playwright without its browser download: Debian's chromium is used
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("PATH", System.getenv("PATH"));
        env.putAll(NoLeftoverProcesses.mark()); // the browser gets only this env
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setEnv(env)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
            browser = null;
            playwright = null;
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            home = null;
        }
    }
}
