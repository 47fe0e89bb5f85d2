package org.benchrig.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.benchrig.store.Outbox;
import org.benchrig.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detected regression waits in the outbox as a retained message on benchrig/<rig>/alerts. */
class AlertPublishingTest {
    @TempDir
    Path dir;

    @Test
    void alertGoesToTheOutboxRetainedOnTheRigsAlertTopic() {
        try (Store store = Store.open(dir.resolve("rig.db"))) {
            long before = new Outbox(store).maxSeq();
            new AlertPublishing(store, "bench-1").alert(new Store.AlertRow(7, "bench-1", "fib", "mb1", "warm", 12,
                    Instant.parse("2026-11-20T02:00:00Z"), 19.2e6, 21.5e6, 0.12, 0.003, "slower",
                    Instant.parse("2026-11-23T02:30:00Z"), 15L));
            List<Outbox.Row> rows = new Outbox(store).next(before, 10);
            assertThat(rows).hasSize(1);
            Outbox.Row row = rows.get(0);
            assertThat(row.topic()).isEqualTo("benchrig/bench-1/alerts");
            assertThat(row.retained()).isTrue();
            assertThat(row.qos()).isEqualTo(1);
            assertThat(row.payload()).contains("\"benchmark\":\"fib\"", "\"target\":\"mb1\"", "\"direction\":\"slower\"",
                    "\"step_run\":12", "\"change\":0.12");
        }
    }
}
