package org.benchrig.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MeasurementRowsTest {
    static final Path API_DOC = Path.of(System.getProperty("benchrig.repo", "..")).resolve("docs/api.md");

    /** The column table of the measurements endpoint's section in docs/api.md, in order. */
    static List<String> documentedColumns() throws IOException {
        String doc = Files.readString(API_DOC);
        int from = doc.indexOf("### `GET /api/runs/{id}/measurements`\n");
        assertThat(from).as("the measurements section of " + API_DOC).isNotNegative();
        int to = doc.indexOf("\n### ", from + 1);
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\|").matcher(doc.substring(from, to < 0 ? doc.length() : to));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theCsvHeaderIsTheColumnListOfTheApiDoc() throws IOException {
        String header = MeasurementRows.csv(List.of(MeasurementRows.row(MeasurementJsonTest.full(), "calls")))
                .lines().findFirst().orElseThrow();
        assertThat(List.of(header.split(","))).containsExactlyElementsOf(documentedColumns());
    }

    @Test
    void aRowIsTheCodecsTreeFlattenedWithPartAndFieldJoined() {
        Map<String, Object> r = MeasurementRows.row(MeasurementJsonTest.full(), "calls");
        assertThat(r).containsEntry("run_id", 7L).containsEntry("class", "calls").containsEntry("mode", "warm")
                .containsEntry("outcome", "WRONG_RESULT").containsEntry("heap_peak_rss_kb", 2048L)
                .containsEntry("energy_average_milliamps", 22.25).containsEntry("energy_simulated", true)
                .containsEntry("host_steady", false).containsEntry("host_first_call_ns", 1_500L)
                .containsEntry("latency_p99_ns", 300L).containsEntry("at", "2026-01-31T02:00:00.123456789Z");
    }

    @Test
    void aMeasurementWithoutPartsHasEveryColumnNull() {
        Measurement board = new Measurement("b", 1, "mb1", "fib", "s", 0, Mode.COLD, 5L, null, HeapUse.none(), "375",
                Outcome.ok(), java.time.Instant.parse("2026-01-31T02:00:00Z"));
        Map<String, Object> r = MeasurementRows.row(board, "calls");
        assertThat(r.keySet()).containsExactlyElementsOf(MeasurementRows.COLUMNS);
        assertThat(r).containsEntry("energy_millijoules", null).containsEntry("host_loops", null)
                .containsEntry("latency_ops", null).containsEntry("time_ns", 5L);
    }
}
