package org.benchrig.board;

import java.util.Map;
import java.util.OptionalLong;

/** What is known of a board model that its firmware cannot report itself. */
public final class BoardModels {
    /** micro:bit's MicroPython 1.9.2 has no statvfs; its filesystem took about 15,100 bytes before OSError 28. */
    private static final Map<String, Long> FS_CAPACITY = Map.of("microbit", 15_100L);

    private BoardModels() {
    }

    public static OptionalLong filesystemCapacity(String model) {
        Long c = FS_CAPACITY.get(model);
        return c == null ? OptionalLong.empty() : OptionalLong.of(c);
    }

    /** Free filesystem bytes: what the board reports, else the model's capacity less what is used. */
    public static OptionalLong filesystemFree(String model, BoardInfo info) {
        if (info.fsFree() >= 0) {
            return OptionalLong.of(info.fsFree());
        }
        OptionalLong cap = filesystemCapacity(model);
        return cap.isPresent() ? OptionalLong.of(Math.max(0, cap.getAsLong() - info.fsUsed())) : OptionalLong.empty();
    }
}
