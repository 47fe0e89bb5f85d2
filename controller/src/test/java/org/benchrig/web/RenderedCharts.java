package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import java.util.List;

/** What a user sees of the ECharts figures: a drawn chart of real size, not an empty box. */
final class RenderedCharts {
    private RenderedCharts() {
    }

    /** Waits until every chart box under {@code scope} is drawn, then checks each has a size. */
    @SuppressWarnings("unchecked")
    static void assertRendered(Locator scope) {
        Locator boxes = scope.locator(".echart");
        assertThat(boxes.count()).as("chart boxes").isPositive();
        for (int i = 0; i < boxes.count(); i++) {
            boxes.nth(i).locator("svg").first().waitFor();   // drawn once the box is laid out
        }
        List<List<Number>> sizes = (List<List<Number>>) boxes.evaluateAll(
                "bs => bs.map(b => { const s = b.querySelector('svg'); const r = s ? s.getBoundingClientRect() : {width: 0, height: 0};"
                        + " return [r.width, r.height, s ? s.querySelectorAll('path, text').length : 0]; })");
        assertThat(sizes).as("width, height and drawn shapes of each chart").allSatisfy(s -> {
            assertThat(s.get(0).doubleValue()).isGreaterThan(100);
            assertThat(s.get(1).doubleValue()).isGreaterThan(40);
            assertThat(s.get(2).intValue()).isGreaterThan(2);
        });
    }
}
