package org.benchrig.selfbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The `selfbench hosts` table: each figure the median of its rounds, the rounds' range beside it. */
class HostsBenchTableTest {
    @Test
    void eachFigureIsTheMedianOfItsRoundsWithTheirRangeAndTheSpeedupsCompareBothWays() {
        List<HostsBench.Row> rows = List.of(
                new HostsBench.Row("cpython", "CPython 3.11.7", "sieve", 70_000.0, 66_000.0, 12, true, 3.9,
                        List.of(112_000.0, 69_000.0, 70_000.0), List.of(69_000.0, 64_000.0, 66_000.0)),
                new HostsBench.Row("pypy", "PyPy 3.9.16", "sieve", 3_500.0, null, 16, false, 5.5,
                        List.of(3_500.0), List.of()));
        String md = HostsBench.markdown(rows);
        assertThat(md).contains("| sieve | cpython | CPython 3.11.7 | 70.00 us | 66.00 us | 1.06 | 3: 69.00 us-112.00 us, "
                + "64.00 us-69.00 us | yes | 3.9 s |");
        // a reference that never answered gives no ratio, and says so instead of a number
        assertThat(md).contains("| sieve | pypy | PyPy 3.9.16 | 3.50 us | - | - | 1: 3.50 us-3.50 us, - | NO | 5.5 s |");
        assertThat(md).contains("| sieve | 20.00x | - | - |");
    }
}
