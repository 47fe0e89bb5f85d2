package org.benchrig.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Debian's headless Chromium for browser tests, with its own HOME and XDG folders under a temp dir. */
final class Chromium {
    private Chromium() {
    }

    /** Playwright without its browser download (Debian's chromium is used). */
    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright, Path dir) throws IOException {
        org.benchrig.testing.Tier.requireFull("Chromium", org.benchrig.testing.NeedsBrowser.class);
        Path home = Files.createDirectories(dir.resolve("browser-home"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("PATH", System.getenv("PATH"));
        env.putAll(org.benchrig.testing.NoLeftoverProcesses.mark()); // the browser gets only this env
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true).setEnv(env)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }
}
