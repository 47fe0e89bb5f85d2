package org.benchrig.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firmware file, validated for its format, with what identifies it: size, SHA-256 of the file,
 * the bytes it puts in flash, and the MicroPython banner found in its data (version tag such as
 * {@code v1.9.2-34-gd64154c73}, build date, board and MCU names), when there is one.
 *
 * @param size       bytes of the file
 * @param flashBytes bytes the image writes to the chip (the data, not the HEX/UF2 text around it)
 */
public record FirmwareImage(Path path, Format format, long size, String sha256, long flashBytes,
                            Optional<Banner> banner, List<IntelHex.Segment> segments, Optional<Long> uf2Family) {

    public enum Format { HEX, UF2, BIN }

    /** MicroPython's banner as compiled into the firmware: "MicroPython TAG on DATE; BOARD with MCU". */
    public record Banner(String tag, String date, String board, String mcu) {
        /** {@code 1.9.2} of {@code v1.9.2-34-gd64154c73}. */
        public String release() {
            Matcher m = Pattern.compile("v?(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(tag);
            return m.lookingAt() ? m.group(1) : tag;
        }

        @Override
        public String toString() {
            return "MicroPython " + tag + " on " + date + "; " + board + " with " + mcu;
        }
    }

    private static final Pattern BANNER = Pattern.compile(
            "MicroPython (v\\d+\\.\\d+(?:\\.\\d+)?(?:[-+][0-9A-Za-z.+-]*)?) on (\\d{4}-\\d{2}-\\d{2}); ([ -~]{1,60}?) with ([ -~]{1,40})");

    public Optional<String> version() {
        return banner.map(Banner::tag);
    }

    /** Reads and validates {@code path}; the format comes from its extension (.hex, .uf2, .bin). */
    public static FirmwareImage load(Path path) {
        Format format = formatOf(path);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidImage("cannot read " + path + ": " + e.getMessage());
        }
        List<IntelHex.Segment> segments;
        Optional<Long> family = Optional.empty();
        try {
            switch (format) {
                case HEX -> segments = IntelHex.parse(content).segments();
                case UF2 -> {
                    Uf2 u = Uf2.parse(content);
                    segments = contiguous(u.segments());
                    family = u.familyId().isPresent() ? Optional.of(u.familyId().getAsLong()) : Optional.empty();
                }
                default -> {
                    if (content.length == 0) {
                        throw new InvalidImage("empty file");
                    }
                    segments = List.of(new IntelHex.Segment(0, content));
                }
            }
        } catch (InvalidImage e) {
            throw new InvalidImage(path + ": " + e.getMessage());
        }
        long flashBytes = segments.stream().mapToLong(s -> s.data().length).sum();
        return new FirmwareImage(path, format, content.length, sha256(content), flashBytes,
                findBanner(segments), segments, family);
    }

    public static Format formatOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hex")) {
            return Format.HEX;
        }
        if (name.endsWith(".uf2")) {
            return Format.UF2;
        }
        if (name.endsWith(".bin")) {
            return Format.BIN;
        }
        throw new InvalidImage(path + ": unknown firmware format; expected a .hex, .uf2 or .bin file");
    }

    /** Refuses an image that writes outside the chip's flash (e.g. a file for a bigger chip). */
    public void requireFits(ChipModel chip) {
        if (format == Format.BIN) {
            if (flashBytes > chip.flashBytes()) {
                throw new InvalidImage(String.format("%s: %d bytes do not fit the %s's %d bytes of flash",
                        path, flashBytes, chip.model(), chip.flashBytes()));
            }
            return;
        }
        for (IntelHex.Segment s : segments) {
            if (!chip.writes(s.address(), s.end())) {
                throw new InvalidImage(String.format("%s: writes 0x%08X..0x%08X, outside the %s's flash",
                        path, s.address(), s.end(), chip.model()));
            }
        }
    }

    /** Joins blocks that follow each other (UF2 blocks hold 256 bytes; a banner may span two). */
    static List<IntelHex.Segment> contiguous(List<IntelHex.Segment> in) {
        List<IntelHex.Segment> out = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
        long start = -1;
        long next = -1;
        for (IntelHex.Segment s : in) {
            if (s.address() != next && start >= 0) {
                out.add(new IntelHex.Segment(start, cur.toByteArray()));
                cur.reset();
                start = -1;
            }
            if (start < 0) {
                start = s.address();
            }
            cur.writeBytes(s.data());
            next = s.end();
        }
        if (start >= 0) {
            out.add(new IntelHex.Segment(start, cur.toByteArray()));
        }
        return List.copyOf(out);
    }

    static Optional<Banner> findBanner(List<IntelHex.Segment> segments) {
        for (IntelHex.Segment s : segments) {
            Matcher m = BANNER.matcher(new String(s.data(), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return Optional.of(new Banner(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return Optional.empty();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String shortSha() {
        return sha256.substring(0, 12);
    }
}
