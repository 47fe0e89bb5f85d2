package org.benchrig.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How a board is flashed: the {@code flash:} mapping of a board. Pins are BCM GPIO numbers on the
 * Pi; null when not wired.
 *
 * @param kind        emulated (restart QEMU), uf2 (RP2040/RP2350 BOOTSEL drive), daplink (micro:bit
 *                    MICROBIT drive), esptool (ESP32/ESP8266), none (the rig cannot flash this board)
 * @param mount       where the board's mass-storage drive is mounted (uf2, daplink)
 * @param family      UF2 family the board accepts: rp2040, rp2350-arm-s, rp2350-riscv or 0x... (uf2)
 * @param bootselPin  GPIO held low to enter the RP2040 boot ROM (uf2; null: press BOOTSEL by hand)
 * @param runPin      GPIO pulsed low to reset the RP2040 (uf2; null: plug in by hand)
 * @param chip        esptool's --chip (esptool)
 * @param offset      flash address the image is written at (esptool)
 * @param baud        esptool's --baud (esptool)
 * @param bootPin     GPIO wired to the ESP's GPIO0, held low for download mode (esptool; null: auto-reset)
 * @param enPin       GPIO wired to the ESP's EN, pulsed low to reset (esptool; null: auto-reset)
 * @param esptool     the esptool command (esptool)
 */
public record FlashConfig(FlashKind kind, Path mount, String family, Integer bootselPin, Integer runPin,
                          String chip, long offset, int baud, Integer bootPin, Integer enPin, String esptool) {

    public enum FlashKind { EMULATED, UF2, DAPLINK, ESPTOOL, NONE }

    public static final List<String> CHIPS = List.of("esp32", "esp32s2", "esp32s3", "esp32c3", "esp32c5",
            "esp32c6", "esp32p4", "esp8266");
    public static final int DEFAULT_ESPTOOL_BAUD = 460_800;
    public static final String DEFAULT_ESPTOOL = "esptool.py";
    private static final int MAX_BCM_PIN = 27;

    /** The default for an emulated board that has no {@code flash:} mapping. */
    public static final FlashConfig EMULATED = new FlashConfig(FlashKind.EMULATED, null, null, null, null,
            null, 0, DEFAULT_ESPTOOL_BAUD, null, null, null);

    /** What a board of {@code kind} gets without a {@code flash:} mapping. */
    public static FlashConfig defaultFor(BoardKind kind) {
        return kind == BoardKind.EMULATED ? EMULATED
                : new FlashConfig(FlashKind.NONE, null, null, null, null, null, 0, DEFAULT_ESPTOOL_BAUD, null, null, null);
    }

    /** Where esptool writes the application image for {@code chip} (0x1000 for ESP32/S2, 0x2000 for C5/P4, else 0). */
    public static long defaultOffset(String chip) {
        if (chip == null) {
            return 0;
        }
        return switch (chip) {
            case "esp32", "esp32s2" -> 0x1000;
            case "esp32c5", "esp32p4" -> 0x2000;
            default -> 0;
        };
    }

    static FlashConfig read(MappingReader m, BoardKind boardKind) {
        boolean emulatedBoard = boardKind == BoardKind.EMULATED;
        FlashKind kind = m.enumeration("kind", FlashKind.class, emulatedBoard ? FlashKind.EMULATED : FlashKind.NONE);
        if (kind == null) { // invalid value, already reported
            kind = emulatedBoard ? FlashKind.EMULATED : FlashKind.NONE;
        }
        boolean uf2 = kind == FlashKind.UF2;
        boolean daplink = kind == FlashKind.DAPLINK;
        boolean esp = kind == FlashKind.ESPTOOL;
        if (emulatedBoard && kind != FlashKind.EMULATED) {
            m.problem("kind", "an emulated board is flashed by restarting QEMU; expected kind: emulated (or remove it)");
        } else if (!emulatedBoard && kind == FlashKind.EMULATED) {
            m.problem("kind", "kind: emulated is for emulated boards; expected one of: uf2, daplink, esptool, none");
        }
        Path mount = (uf2 || daplink) ? m.path("mount", true) : forbidden(m, "mount", kind);
        String family = uf2 ? family(m)
                : forbidden(m, "family", kind);
        Integer bootsel = uf2 ? pin(m, "bootsel_pin") : forbidden(m, "bootsel_pin", kind);
        Integer run = uf2 ? pin(m, "run_pin") : forbidden(m, "run_pin", kind);
        if (uf2 && (bootsel == null) != (run == null)) {
            m.problem(bootsel == null ? "run_pin" : "bootsel_pin",
                    "bootsel_pin and run_pin go together: wire both, or neither (then BOOTSEL is pressed by hand)");
        }
        String chip = esp ? m.oneOf("chip", CHIPS, null) : forbidden(m, "chip", kind);
        long offset = esp ? offset(m, chip) : forbiddenLong(m, "offset", kind);
        int baud = esp ? m.integer("baud", 9600, 4_000_000, DEFAULT_ESPTOOL_BAUD) : forbiddenInt(m, "baud", kind);
        Integer boot = esp ? pin(m, "boot_pin") : forbidden(m, "boot_pin", kind);
        Integer en = esp ? pin(m, "en_pin") : forbidden(m, "en_pin", kind);
        if (esp && (boot == null) != (en == null)) {
            m.problem(boot == null ? "en_pin" : "boot_pin",
                    "boot_pin and en_pin go together: wire both, or neither (the board's auto-reset circuit is used)");
        }
        String esptool = esp ? m.string("esptool", DEFAULT_ESPTOOL) : forbidden(m, "esptool", kind);
        return new FlashConfig(kind, mount, family, bootsel, run, chip, offset, baud, boot, en, esptool);
    }

    /** UF2 family ids by name (from the UF2 family list); a hex literal is taken as it is. */
    public static final java.util.Map<String, Long> UF2_FAMILIES = java.util.Map.of(
            "rp2040", 0xE48BFF56L, "rp2350-arm-s", 0xE48BFF59L, "rp2350-riscv", 0xE48BFF5AL);

    /** The family id a {@code family} value names. */
    public static long familyId(String family) {
        Long id = UF2_FAMILIES.get(family);
        return id != null ? id : Long.decode(family);
    }

    private static String family(MappingReader m) {
        String f = m.string("family", "rp2040");
        if (UF2_FAMILIES.containsKey(f)) {
            return f;
        }
        if (f.matches("0[xX][0-9a-fA-F]{1,8}")) {
            return f.toLowerCase(java.util.Locale.ROOT);
        }
        m.problem("family", "invalid value '" + f + "'; expected one of: " + String.join(", ",
                new java.util.TreeSet<>(UF2_FAMILIES.keySet())) + ", or a family id such as 0xe48bff56");
        return "rp2040";
    }

    /** A BCM pin number, or null when the key is absent (not wired). */
    private static Integer pin(MappingReader m, String key) {
        int p = m.integer(key, 0, MAX_BCM_PIN, -1);
        return p < 0 ? null : p;
    }

    /** An address written as 0x1000 or 4096; defaults per chip. */
    private static long offset(MappingReader m, String chip) {
        String s = m.string("offset", null);
        if (s == null) {
            return defaultOffset(chip);
        }
        try {
            long v = Long.decode(s.trim());
            if (v < 0 || v > 0xFFFFFFL) {
                m.problem("offset", "expected a flash address in 0x0..0xffffff, got " + s);
                return defaultOffset(chip);
            }
            return v;
        } catch (NumberFormatException e) {
            m.problem("offset", "expected a flash address such as 0x1000, got '" + s + "'");
            return defaultOffset(chip);
        }
    }

    private static <T> T forbidden(MappingReader m, String key, FlashKind kind) {
        m.forbid(key, "not used by flash kind '" + kind.name().toLowerCase(java.util.Locale.ROOT) + "'; remove it");
        return null;
    }

    private static long forbiddenLong(MappingReader m, String key, FlashKind kind) {
        forbidden(m, key, kind);
        return 0;
    }

    private static int forbiddenInt(MappingReader m, String key, FlashKind kind) {
        forbidden(m, key, kind);
        return DEFAULT_ESPTOOL_BAUD;
    }
}
