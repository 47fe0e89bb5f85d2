package org.benchrig.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One MicroPython board of the rig.
 *
 * @param firmware absolute path of the firmware image; required for emulated boards, may be null
 *                 for serial ones
 * @param port     serial device; null for emulated boards
 */
public record BoardConfig(String id, BoardKind kind, String model, Path firmware, String port, int baud,
                          Pacing pacing, String tier, FlashConfig flash) {

    public static final String DEFAULT_MODEL = "microbit";
    public static final int DEFAULT_BAUD = 115_200;
    public static final List<String> TIERS = List.of("s", "m", "l");

    /** A board with the default flasher for its kind (emulated: restart QEMU; serial: none). */
    public BoardConfig(String id, BoardKind kind, String model, Path firmware, String port, int baud, Pacing pacing,
                       String tier) {
        this(id, kind, model, firmware, port, baud, pacing, tier, FlashConfig.defaultFor(kind));
    }

    static BoardConfig read(MappingReader m) {
        String id = m.targetId("id");
        BoardKind kind = m.enumeration("kind", BoardKind.class, null);
        String model = m.string("model", DEFAULT_MODEL);
        Path firmware = m.existingFile("firmware", kind == BoardKind.EMULATED);
        String port = m.string("port", null, kind == BoardKind.SERIAL);
        int baud = m.integer("baud", 1, 4_000_000, DEFAULT_BAUD);
        Pacing pacing = m.mapping("pacing", Pacing::read);
        String tier = m.oneOf("tier", TIERS, "s");
        FlashConfig flash = m.mapping("flash", f -> FlashConfig.read(f, kind));
        if (kind == BoardKind.EMULATED) {
            m.forbid("port", "not allowed for an emulated board (kind: emulated); remove it or use kind: serial");
            m.forbid("baud", "not allowed for an emulated board (kind: emulated); baud applies to serial boards only");
        }
        return new BoardConfig(id, kind, model, firmware, port, baud, pacing, tier, flash);
    }
}
