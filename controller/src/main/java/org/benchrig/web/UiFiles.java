package org.benchrig.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The static UI: the pages of web/ at "/" and "/NAME", its CSS and JS at /assets/, and the chart
 * libraries at /vendor/ from their webjars (the files the pages load and nothing else of the jars;
 * each jar's version is read from the jar itself, so the pom alone names it). All from the classpath.
 */
final class UiFiles {
    private static final Set<String> PAGES = Set.of("runs", "run", "compare", "history", "changes");
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js)");
    /**
     * Per webjar, the files served from its dist/ folder. ECharts draws the bars with whiskers and the
     * box plots; its ES-module build is one self-contained file.
     */
    private static final Map<String, Set<String>> VENDOR = Map.of(
            "uplot", Set.of("uPlot.iife.min.js", "uPlot.min.css"),
            "echarts", Set.of("echarts.esm.min.js"));
    /** As the API's answers: nothing is cached, so a page never runs with an older script. */
    private static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store");

    private UiFiles() {
    }

    static void addTo(JavalinConfig c) {
        c.staticFiles.add(sf -> {
            sf.hostedPath = "/assets";
            sf.directory = "/web";
            sf.location = Location.CLASSPATH;
            sf.headers = HEADERS;
            // the raw path: a file of web/ by its plain name, nothing in a subfolder or encoded
            sf.skipFileFunction = req -> !ASSET.matcher(req.getRequestURI().substring("/assets/".length())).matches();
        });
        // not a static-files config: Javalin's handler wants a directory entry for dist/, which these webjars lack
        Map<String, String> vendor = new HashMap<>();
        VENDOR.forEach((jar, files) -> files.forEach(f ->
                vendor.put(f, "META-INF/resources/webjars/" + jar + "/" + webjarVersion(jar) + "/dist/" + f)));
        c.routes.get("/vendor/{file}", ctx -> {
            String path = Optional.ofNullable(vendor.get(ctx.pathParam("file"))).orElseThrow(NotFoundResponse::new);
            resource(ctx, path, path.endsWith(".css") ? "text/css" : "text/javascript");
        });
        c.routes.get("/", ctx -> page(ctx, "bench"));
        c.routes.get("/{page}", ctx -> {
            if (!PAGES.contains(ctx.pathParam("page"))) {
                throw new NotFoundResponse();
            }
            page(ctx, ctx.pathParam("page"));
        });
    }

    private static void page(Context ctx, String name) throws IOException {
        resource(ctx, "web/" + name + ".html", "text/html; charset=utf-8");
    }

    private static void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = UiFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new NotFoundResponse();
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    /** The version of an npm webjar on the classpath, from the Maven properties every webjar carries. */
    static String webjarVersion(String artifact) {
        String path = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = UiFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " webjar is not on the classpath (no " + path + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
