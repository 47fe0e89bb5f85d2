package org.benchrig.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One MicroPython board of the rig.
 *
 * @param firmware absolute path of the firmware image; required for emulated boards, may be null
 *                 for serial ones
 * @param port     serial device; null for emulated boards
 * @param power    the board's power monitor, or null
 * @param markerPin the BOARD's pin the harness raises around each repetition, or null
 * @param markerInput the Pi's GPIO (BCM number) wired to the marker pin; on the simulated platform a
 *                 mock input, optional
 * @param powerSwitchPin the Pi's GPIO (BCM) driving the board's supply relay, or null
 * @param resetPin the Pi's GPIO (BCM) driving the board's reset through an open-drain stage, or null
 */
public record BoardConfig(String id, BoardKind kind, String model, Path firmware, String port, int baud,
                          Pacing pacing, String tier, PowerConfig power, Integer markerPin, Integer markerInput,
                          Integer powerSwitchPin, Integer resetPin, FlashConfig flash) implements TargetConfig {

    /** A board without instruments (no power meter, marker, relay or reset line) and its kind's default flasher. */
    public BoardConfig(String id, BoardKind kind, String model, Path firmware, String port, int baud, Pacing pacing,
                       String tier) {
        this(id, kind, model, firmware, port, baud, pacing, tier, null, null, null, null, null,
                FlashConfig.defaultFor(kind));
    }


    public static final String DEFAULT_MODEL = "microbit";
    public static final int DEFAULT_BAUD = 115_200;
    public static final List<String> TIERS = List.of("s", "m", "l");


    static BoardConfig read(MappingReader m) {
        String id = m.targetId("id");
        BoardKind kind = m.enumeration("kind", BoardKind.class, null);
        String model = m.string("model", DEFAULT_MODEL);
        Path firmware = m.existingFile("firmware", kind == BoardKind.EMULATED);
        String port = m.string("port", null, kind == BoardKind.SERIAL);
        int baud = m.integer("baud", 1, 4_000_000, DEFAULT_BAUD);
        Pacing pacing = m.mapping("pacing", Pacing::read);
        String tier = m.oneOf("tier", TIERS, "s");
        PowerConfig power = m.optionalMapping("power", PowerConfig::read);
        Integer markerPin = m.optionalInteger("marker_pin", 0, 48);
        Integer markerInput = m.optionalInteger("marker_input", 0, 27);
        Integer powerSwitchPin = m.optionalInteger("power_switch_pin", 0, 27);
        Integer resetPin = m.optionalInteger("reset_pin", 0, 27);
        if (markerInput != null && markerPin == null) {
            m.problem("marker_input", "marker_input needs marker_pin (the board pin the harness raises)");
        }
        FlashConfig flash = m.mapping("flash", f -> FlashConfig.read(f, kind));
        if (kind == BoardKind.EMULATED) {
            m.forbid("port", "not allowed for an emulated board (kind: emulated); remove it or use kind: serial");
            m.forbid("baud", "not allowed for an emulated board (kind: emulated); baud applies to serial boards only");
        }
        if (kind == BoardKind.EMULATED) {
            if (powerSwitchPin != null) {
                m.problem("power_switch_pin", "not allowed for an emulated board: its supply is QEMU itself");
            }
            if (resetPin != null) {
                m.problem("reset_pin", "not allowed for an emulated board: it is reset through QMP");
            }
        }
        return new BoardConfig(id, kind, model, firmware, port, baud, pacing, tier, power, markerPin, markerInput,
                powerSwitchPin, resetPin, flash);
    }
}
