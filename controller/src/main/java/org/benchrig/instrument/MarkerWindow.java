package org.benchrig.instrument;

/** A repetition's window between a rising and the following falling marker edge. */
public record MarkerWindow(long startNs, long endNs) {
    public long widthNs() {
        return endNs - startNs;
    }
}
