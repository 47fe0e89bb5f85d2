package org.benchrig.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing marker edges into windows when edges go missing, come twice or arrive out of order. */
class EdgePairingTest {
    private static Edge up(long t) {
        return new Edge(t, true);
    }

    private static Edge down(long t) {
        return new Edge(t, false);
    }

    @Test
    void cleanPairsBecomeWindows() {
        assertThat(EdgePairing.windows(List.of(up(10), down(20), up(30), down(45))))
                .containsExactly(new MarkerWindow(10, 20), new MarkerWindow(30, 45));
    }

    @Test
    void outOfOrderEdgesAreSortedByTimestamp() {
        assertThat(EdgePairing.windows(List.of(down(20), up(10), down(45), up(30))))
                .containsExactly(new MarkerWindow(10, 20), new MarkerWindow(30, 45));
    }

    @Test
    void doubledEdgesKeepTheFirstRisingAndTheFirstFalling() {
        assertThat(EdgePairing.windows(List.of(up(10), up(12), down(20), down(21), up(30), down(40))))
                .containsExactly(new MarkerWindow(10, 20), new MarkerWindow(30, 40));
    }

    @Test
    void missingEdgesMakeNoWindow() {
        // a falling edge with no rising one, then a rising edge never lowered
        assertThat(EdgePairing.windows(List.of(down(5), up(10), down(20), up(30)))).containsExactly(new MarkerWindow(10, 20));
        assertThat(EdgePairing.windows(List.of(down(5)))).isEmpty();
        assertThat(EdgePairing.windows(List.of())).isEmpty();
    }

    @Test
    void theWindowClosestToTheBoardTicksIsChosen() {
        List<MarkerWindow> ws = List.of(new MarkerWindow(0, 5), new MarkerWindow(10, 110), new MarkerWindow(120, 125));
        assertThat(EdgePairing.best(ws, 98L)).isEqualTo(new MarkerWindow(10, 110));
        assertThat(EdgePairing.best(List.of(), 98L)).isNull();
    }
}
