package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import org.benchrig.config.WebConfig;
import org.benchrig.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A controller started without its token variable answers every action with 401 and says why. */
class ActionsWithoutTokenTest {
    @TempDir
    Path dir;

    @Test
    void everyPostIs401WhenNoTokenIsConfigured() throws Exception {
        RigConfig cfg = ConfigLoader.load(CliHarness.writeConfig(dir, "no-token", new String[] {"mb1"}, new String[0]));
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath());
             RunService service = new RunService(rig, store, Catalog.load(CliHarness.REPO.resolve("firmware-scripts"), "python3"));
             WebServer web = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), null)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"api/runs", "api/boards/mb1/release", "api/boards/mb1/flash"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(web.url() + path))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"suite\":\"smoke\"}"))
                        .header("Authorization", "Bearer guess").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.body()).contains("actions are disabled", "BENCHRIG_TOKEN");
            }
            assertThat(store.runs(10, 0)).as("nothing was started").isEmpty();
        }
    }

    @Test
    void theCliOnLoopbackNeedsNoTokenWhenNoneIsSetAndTheTokenWhenOneIs() throws Exception {
        RigConfig cfg = ConfigLoader.load(CliHarness.writeConfig(dir, "cli-token", new String[] {"mb1"}, new String[0]));
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath());
             RunService service = new RunService(rig, store, Catalog.load(CliHarness.REPO.resolve("firmware-scripts"), "python3"));
             WebServer open = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), null);
             WebServer locked = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), "s3cret")) {
            HttpClient http = HttpClient.newHttpClient();
            // an unknown board: the answer shows the request passed the guard, and nothing is booted
            String body = "{\"code\":\"print(1)\"}";
            assertThat(exec(http, open.url(), body, true, null).statusCode()).isEqualTo(400);
            assertThat(exec(http, open.url(), body, true, null).body()).contains("no board 'nope'", "mb1");
            assertThat(exec(http, open.url(), body, false, null).statusCode()).as("a browser's request").isEqualTo(401);
            assertThat(exec(http, locked.url(), body, true, null).statusCode()).as("token set, none sent").isEqualTo(401);
            assertThat(exec(http, locked.url(), body, true, "guess").statusCode()).isEqualTo(401);
            assertThat(exec(http, locked.url(), body, true, "s3cret").statusCode()).isEqualTo(400);
            assertThat(rig.openedBoard("mb1")).isEmpty();
        }
    }

    private static HttpResponse<String> exec(HttpClient http, String url, String body, boolean cli, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "api/boards/nope/exec"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cli) {
            b.header(WebServer.CLI_HEADER, "cli");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
