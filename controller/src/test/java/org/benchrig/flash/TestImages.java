package org.benchrig.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Firmware images for tests: Debian's micro:bit MicroPython, and variants built from it. */
final class TestImages {
    static final Path MICROBIT_FIRMWARE = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");
    /** Where the micro:bit's MicroPython looks for an appended script (uFlash's SCRIPT_ADDR). */
    static final int SCRIPT_ADDR = 0x3E000;

    private TestImages() {
    }

    /**
     * The firmware with {@code script} appended the way uFlash does it: at 0x3E000 the bytes 'M',
     * 'P', the script's length (2 bytes, little-endian), the script, zero-padded to 16 bytes; as
     * data records after an extended linear address record, inserted before the EOF record.
     */
    static Path withAppendedScript(Path dir, String script) throws IOException {
        byte[] src = script.getBytes(StandardCharsets.UTF_8);
        int len = 4 + src.length;
        byte[] region = new byte[(len + 15) / 16 * 16];
        region[0] = 'M';
        region[1] = 'P';
        region[2] = (byte) (src.length & 0xFF);
        region[3] = (byte) (src.length >> 8);
        System.arraycopy(src, 0, region, 4, src.length);
        List<String> records = new ArrayList<>();
        records.add(IntelHex.record(0x04, 0, new byte[] {0, (byte) (SCRIPT_ADDR >> 16)}));
        for (int i = 0; i < region.length; i += 16) {
            byte[] chunk = java.util.Arrays.copyOfRange(region, i, i + 16);
            records.add(IntelHex.record(0x00, (SCRIPT_ADDR + i) & 0xFFFF, chunk));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(MICROBIT_FIRMWARE));
        while (lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int eof = lines.size() - 1;
        if (!lines.get(eof).equals(":00000001FF")) {
            throw new IllegalStateException("firmware does not end with an EOF record: " + lines.get(eof));
        }
        lines.addAll(eof, records);
        Path out = dir.resolve("firmware-with-main.hex"); // QEMU's loader picks Intel HEX by the .hex name
        Files.write(out, lines);
        return out;
    }

    /** {@code content} with one line replaced. */
    static Path editLine(Path dir, String name, Path from, int lineIndex, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(from));
        lines.set(lineIndex, edit.apply(lines.get(lineIndex)));
        Path out = dir.resolve(name);
        Files.write(out, lines);
        return out;
    }
}
