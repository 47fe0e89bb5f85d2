package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunListener;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import org.benchrig.result.Measurement;
import org.benchrig.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/**
 * The default-like rig (one emulated board with a simulated INA219 and marker pin, plus python3):
 * the smoke suite stores simulated energy for every board measurement and none for hosts; a sensor
 * that stops answering mid-run leaves measurements without energy and one warning.
 */
@NeedsEmulator
class SimulatedEnergyRunTest {
    @TempDir
    static Path dir;
    static Path config;
    static CliHarness.Result smoke;

    static String yaml(String rig) {
        return "rig: " + rig + "\nplatform: simulated\ndata_dir: data\nrun:\n  suite: smoke\n  repetitions: 2\n"
                + "  benchmark_timeout_s: 60\nboards:\n  - id: mb1\n    kind: emulated\n    firmware: "
                + CliHarness.FIRMWARE + "\n    marker_pin: 0\n"
                + "    power: {sensor: ina219, bus: 1, address: 0x40, shunt_ohms: 0.1, max_amps: 1.0}\n"
                + "hosts:\n  - id: cpython\n    interpreter: python3\n";
    }

    @BeforeAll
    static void runSmoke() throws Exception {
        config = Files.writeString(dir.resolve("rig.yaml"), yaml("energy-rig"));
        smoke = CliHarness.run("run", "--config", config.toString(), "--suite", "smoke", "--repeat", "2");
    }

    private static List<JsonNode> measurements() throws Exception {
        String run = smoke.out().replaceAll("(?s).*run (\\d+) stored in.*", "$1");
        CliHarness.Result json = CliHarness.run("results", "--config", config.toString(), "--run", run, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(json.out()).get("measurements").forEach(list::add);
        return list;
    }

    @Test
    void smokeSuiteStoresSimulatedEnergyForEveryBoardMeasurementAndNoneForHosts() throws Exception {
        assertThat(smoke.exit()).as(smoke.err() + smoke.out()).isZero();
        assertThat(smoke.out()).doesNotContain("WARNING");
        List<JsonNode> ms = measurements();
        List<JsonNode> board = ms.stream().filter(m -> m.get("target").asText().equals("mb1")).toList();
        List<JsonNode> host = ms.stream().filter(m -> m.get("target").asText().equals("cpython")).toList();
        assertThat(board).hasSize(6 * 2);
        assertThat(host).isNotEmpty();
        for (JsonNode m : board) {
            assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok");
            assertThat(m.get("energy_millijoules").asDouble()).as(m.toString()).isPositive();
            assertThat(m.get("energy_simulated").asBoolean()).isTrue();
            assertThat(m.get("energy_instrument").asText()).isEqualTo("ina219@1:0x40 (simulated)");
            // the window is the board's own time; the model draws 24 mA at 3.3 V while active
            double seconds = m.get("energy_window_ns").asLong() * 1e-9;
            assertThat(m.get("energy_window_ns").asLong()).isEqualTo(m.get("time_ns").asLong());
            assertThat(m.get("energy_millijoules").asDouble()).isBetween(0.9 * 79.2 * seconds, 1.1 * 79.2 * seconds);
            assertThat(m.get("energy_average_milliamps").asDouble()).isBetween(22.0, 26.0);
            assertThat(m.get("energy_flags").asText()).doesNotContain("tick-mismatch");
            if (seconds < BoardPower.MIN_PERIODS_PRECISE * 2 * Ina219.CONVERSION_NS_12BIT * 1e-9) {
                assertThat(m.get("energy_flags").asText()).contains("short-window");
            }
        }
        for (JsonNode m : host) {
            assertThat(m.get("energy_millijoules").isNull()).as(m.toString()).isTrue();
            assertThat(m.get("energy_simulated").isNull()).isTrue();
        }
        CliHarness.Result table = CliHarness.run("results", "--config", config.toString());
        assertThat(table.out()).contains("mJ sim", "energy");
    }

    @Test
    void aSensorThatStopsAnsweringMidRunLeavesMeasurementsWithoutEnergyAndOneWarning() throws Exception {
        Path d = Files.createDirectories(dir.resolve("failing"));
        Path cfgFile = Files.writeString(d.resolve("rig.yaml"), yaml("failing-rig"));
        RigConfig cfg = ConfigLoader.load(cfgFile);
        List<String> warnings = new CopyOnWriteArrayList<>();
        List<Measurement> measured = new CopyOnWriteArrayList<>();
        AtomicBoolean pulled = new AtomicBoolean();
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath())) {
            RunService service = new RunService(rig, store,
                    Catalog.load(CliHarness.REPO.resolve("firmware-scripts"), "python3"));
            long runId = service.runNow(service.plan(new RunRequest("fib,sieve", List.of("mb1"), 3, "test")),
                    new RunListener() {
                        @Override
                        public void measured(Measurement m) {
                            measured.add(m);
                            if (pulled.compareAndSet(false, true)) { // after the first repetition: unplug the sensor
                                rig.instruments().simulatedSensor("mb1").stopAnswering();
                            }
                        }

                        @Override
                        public void warning(String target, String message) {
                            warnings.add(target + ": " + message);
                        }
                    });
            List<Measurement> stored = store.measurements(runId);
            assertThat(stored).hasSize(6).allSatisfy(m -> assertThat(m.outcome().isOk()).isTrue());
            assertThat(store.run(runId).orElseThrow().state().name()).isEqualTo("DONE");
            assertThat(measured.get(0).energy()).isNotNull();
            assertThat(stored.stream().filter(m -> m.energy() == null)).hasSize(5);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("mb1", "ina219@1:0x40", "stopped answering", "without", "energy");
        }
    }
}
