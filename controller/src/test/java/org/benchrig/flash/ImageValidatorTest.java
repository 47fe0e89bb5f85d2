package org.benchrig.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Intel HEX and UF2 validators accept good files and name what is wrong with bad ones. */
class ImageValidatorTest {
    static final long RP2040 = 0xE48BFF56L;
    static final long RP2350_ARM = 0xE48BFF59L;

    @TempDir
    Path dir;

    // ---- Intel HEX ----------------------------------------------------------------------------

    @Test
    void debianFirmwareHexIsValidAndCarriesItsBanner() {
        FirmwareImage img = FirmwareImage.load(TestImages.MICROBIT_FIRMWARE);
        assertThat(img.format()).isEqualTo(FirmwareImage.Format.HEX);
        assertThat(img.sha256()).hasSize(64);
        assertThat(img.banner()).get().extracting(FirmwareImage.Banner::tag, FirmwareImage.Banner::mcu)
                .containsExactly("v1.9.2-34-gd64154c73", "nRF51822");
        img.requireFits(ChipModel.MICROBIT);
        assertThatThrownBy(() -> img.requireFits(ChipModel.RP2040)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("outside the rp2040's flash");
    }

    @Test
    void truncatedHexHasNoEofRecord() throws Exception {
        List<String> lines = Files.readAllLines(TestImages.MICROBIT_FIRMWARE);
        Path cut = dir.resolve("cut.hex");
        Files.write(cut, lines.subList(0, lines.size() / 2));
        assertThatThrownBy(() -> FirmwareImage.load(cut)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("no end-of-file record").hasMessageContaining("truncated");
        // cut inside a record: the byte count does not match
        Path mid = dir.resolve("mid.hex");
        Files.writeString(mid, String.join("\n", lines.subList(0, 10)) + "\n" + lines.get(10).substring(0, 21) + "\n");
        assertThatThrownBy(() -> FirmwareImage.load(mid)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("line 11: byte count says 16 data bytes");
    }

    @Test
    void corruptedHexByteFailsItsChecksum() throws Exception {
        // flip one data digit in line 101: the record no longer sums to zero
        Path bad = TestImages.editLine(dir, "bad.hex", TestImages.MICROBIT_FIRMWARE, 100,
                l -> l.substring(0, 12) + (l.charAt(12) == '0' ? '1' : '0') + l.substring(13));
        assertThatThrownBy(() -> FirmwareImage.load(bad)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("line 101: checksum");
        Path notHex = TestImages.editLine(dir, "g.hex", TestImages.MICROBIT_FIRMWARE, 5, l -> l.replace(l.charAt(9), 'G'));
        assertThatThrownBy(() -> FirmwareImage.load(notHex)).hasMessageContaining("line 6: non-hex character");
        Path type = TestImages.editLine(dir, "t.hex", TestImages.MICROBIT_FIRMWARE, 5,
                l -> IntelHex.record(0x07, 0, new byte[] {1}));
        assertThatThrownBy(() -> FirmwareImage.load(type)).hasMessageContaining("line 6: unknown record type 07");
    }

    @Test
    void hexForAnotherChipWritesOutsideTheMicrobitFlash() throws Exception {
        Path pico = dir.resolve("pico.hex");
        Files.write(pico, List.of(IntelHex.record(0x04, 0, new byte[] {0x10, 0x00}),
                IntelHex.record(0x00, 0x0000, new byte[16]), ":00000001FF"));
        FirmwareImage img = FirmwareImage.load(pico);
        assertThatThrownBy(() -> img.requireFits(ChipModel.MICROBIT)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("writes 0x10000000..0x10000010, outside the microbit's flash");
        img.requireFits(ChipModel.RP2040);
    }

    @Test
    void appendedScriptImageIsValidAndOverlappingDataIsNot() throws Exception {
        FirmwareImage img = FirmwareImage.load(TestImages.withAppendedScript(dir, "print(1)\n"));
        assertThat(img.segments()).anySatisfy(s -> assertThat(s.address()).isEqualTo(0x3E000));
        img.requireFits(ChipModel.MICROBIT);
        Path twice = dir.resolve("twice.hex");
        Files.write(twice, List.of(IntelHex.record(0, 0x100, new byte[16]), IntelHex.record(0, 0x108, new byte[16]),
                ":00000001FF"));
        assertThatThrownBy(() -> FirmwareImage.load(twice)).hasMessageContaining("line 2: data at 0x00000108 overlaps");
    }

    // ---- UF2 ----------------------------------------------------------------------------------

    private Path uf2(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] picoImage() {
        byte[] data = new byte[3000];
        byte[] banner = "MicroPython v1.22.0 on 2023-12-27; Raspberry Pi Pico with RP2040\0".getBytes();
        System.arraycopy(banner, 0, data, 1000, banner.length);
        return Uf2.build(0x10000000L, data, RP2040);
    }

    @Test
    void goodUf2IsValidWithItsFamilyAndBanner() throws Exception {
        FirmwareImage img = FirmwareImage.load(uf2("good.uf2", picoImage()));
        assertThat(img.format()).isEqualTo(FirmwareImage.Format.UF2);
        assertThat(img.uf2Family()).contains(RP2040);
        assertThat(img.flashBytes()).isEqualTo(12 * 256);
        assertThat(img.version()).contains("v1.22.0");
        assertThat(img.banner().orElseThrow().mcu()).isEqualTo("RP2040");
        img.requireFits(ChipModel.RP2040);
    }

    @Test
    void truncatedUf2IsRefused() throws Exception {
        byte[] good = picoImage();
        Path cutInBlock = uf2("a.uf2", Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> FirmwareImage.load(cutInBlock)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("not a multiple of 512").hasMessageContaining("truncated");
        Path lastBlockMissing = uf2("b.uf2", Arrays.copyOf(good, good.length - 512));
        assertThatThrownBy(() -> FirmwareImage.load(lastBlockMissing)).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("say the file has 12 blocks, it holds 11 (truncated)");
    }

    @Test
    void corruptedUf2IsRefused() throws Exception {
        byte[] magic = picoImage();
        magic[512 * 3 + 2] ^= 0x40; // block 3's first magic number
        assertThatThrownBy(() -> FirmwareImage.load(uf2("m.uf2", magic))).hasMessageContaining("block 3: bad magic numbers");
        byte[] end = picoImage();
        end[512 * 5 + 510] ^= 0x01; // block 5's end magic
        assertThatThrownBy(() -> FirmwareImage.load(uf2("e.uf2", end))).hasMessageContaining("block 5: bad magic numbers");
        byte[] numbering = picoImage();
        ByteBuffer.wrap(numbering).order(ByteOrder.LITTLE_ENDIAN).putInt(512 * 4 + 20, 7);
        assertThatThrownBy(() -> FirmwareImage.load(uf2("n.uf2", numbering)))
                .hasMessageContaining("block 4: numbered 7 (blocks missing or out of order)");
        byte[] size = picoImage();
        ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).putInt(512 + 16, 600);
        assertThatThrownBy(() -> FirmwareImage.load(uf2("s.uf2", size))).hasMessageContaining("payload size 600");
    }

    @Test
    void wrongFamilyUf2IsRefusedForAnRp2040Board() throws Exception {
        byte[] rp2350 = Uf2.build(0x10000000L, new byte[1024], RP2350_ARM);
        Uf2 u = Uf2.parse(rp2350);
        assertThatThrownBy(() -> u.requireFamily(RP2040, "rp2040")).isInstanceOf(InvalidImage.class)
                .hasMessageContaining("family id 0xE48BFF59 does not match the board's rp2040 (0xE48BFF56)");
        byte[] mixed = picoImage();
        ByteBuffer.wrap(mixed).order(ByteOrder.LITTLE_ENDIAN).putInt(512 * 2 + 28, (int) RP2350_ARM);
        assertThatThrownBy(() -> FirmwareImage.load(uf2("x.uf2", mixed)))
                .hasMessageContaining("block 2: family id 0xE48BFF59, earlier blocks 0xE48BFF56");
    }
}
