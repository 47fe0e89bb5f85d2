package org.benchrig.board;

/**
 * What a board says about itself. Filesystem free space is -1 where the firmware cannot tell
 * (the micro:bit's 1.9.2 has no statvfs); {@code fsCapacity} then comes from the model's known size.
 */
public record BoardInfo(String implementation, String version, String machine, String platform,
                        long heapFree, long heapAlloc, long fsUsed, long fsFree) {

    public long heapTotal() {
        return heapFree + heapAlloc;
    }
}
