package org.benchrig.flash;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is known about a board model for flashing: its flash size, the address ranges an image
 * may write, and what its firmware calls its machine ({@code os.uname().machine}).
 *
 * @param machineMark text the board's reported machine contains (case-insensitive)
 */
public record ChipModel(String model, long flashBytes, List<long[]> writable, String machineMark) {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    /** The micro:bit v1's nRF51822: 256 KB flash at 0, plus the UICR page its MicroPython hex writes. */
    public static final ChipModel MICROBIT = new ChipModel("microbit", 256 * KB,
            List.of(new long[] {0, 256 * KB}, new long[] {0x10001000L, 0x10001100L}), "nRF51");
    /** Raspberry Pi Pico: 2 MB of QSPI flash mapped at 0x10000000. */
    public static final ChipModel RP2040 = new ChipModel("rp2040", 2 * MB,
            List.of(new long[] {0x10000000L, 0x10000000L + 2 * MB}), "RP2040");
    /** A common ESP32 module: 4 MB of flash; images are raw binaries written at an offset. */
    public static final ChipModel ESP32 = new ChipModel("esp32", 4 * MB, List.of(new long[] {0, 4 * MB}), "ESP32");

    private static final List<ChipModel> ALL = List.of(MICROBIT, RP2040, ESP32);

    /** The entry for a config's {@code model:} (pico and rp2 count as rp2040, esp32-* as esp32). */
    public static Optional<ChipModel> of(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (m.startsWith("pico") || m.startsWith("rp2")) {
            return Optional.of(RP2040);
        }
        if (m.startsWith("esp32")) {
            return Optional.of(ESP32);
        }
        return ALL.stream().filter(c -> c.model.equals(m)).findFirst();
    }

    /** Whether {@code [from, to)} lies inside one writable range. */
    public boolean writes(long from, long to) {
        return writable.stream().anyMatch(r -> from >= r[0] && to <= r[1]);
    }

    public boolean machineMatches(String machine) {
        return machine != null && machine.toLowerCase(Locale.ROOT).contains(machineMark.toLowerCase(Locale.ROOT));
    }
}
