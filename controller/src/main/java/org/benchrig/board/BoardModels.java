package org.benchrig.board;

import java.util.Map;
import java.util.OptionalLong;

/** What is known of a board model that its firmware cannot report itself. */
public final class BoardModels {
    /** micro:bit's MicroPython 1.9.2 has no statvfs; its filesystem took about 15,100 bytes before OSError 28. */
    private static final Map<String, Long> FS_CAPACITY = Map.of("microbit", 15_100L);

    /**
     * CPU clock in MHz, run-perfbench.py's N ("approximate target CPU frequency in MHz"): micro:bit
     * v1 nRF51822 16, RP2040 125, ESP8266 80, ESP32 240. QEMU's micro:bit at -icount shift=6 runs
     * one instruction per 64 ns, about the real board's 16 MHz.
     */
    private static final Map<String, Integer> SPEED_MHZ = Map.of("microbit", 16, "pico", 125, "rp2040", 125,
            "esp8266", 80, "esp32", 240);
    /** For a model not listed: like the slowest board, so a perf_bench file gets its smallest parameters. */
    public static final int UNKNOWN_SPEED_MHZ = 16;

    private BoardModels() {
    }

    /** The model's CPU clock in MHz (run-perfbench.py's N). */
    public static int speedMhz(String model) {
        return SPEED_MHZ.getOrDefault(model == null ? "" : model.toLowerCase(java.util.Locale.ROOT), UNKNOWN_SPEED_MHZ);
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
