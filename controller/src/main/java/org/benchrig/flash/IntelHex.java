package org.benchrig.flash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An Intel HEX file, checked record by record: the ':' start, hex digits, the byte count against the
 * line length, the checksum, the record type (00 data, 01 EOF, 02/04 segment and linear base, 03/05
 * start address), that no data overlaps, and that the file ends with exactly one EOF record.
 * Errors name the line. {@link #segments()} are the data as contiguous address ranges.
 */
public final class IntelHex {
    /** A run of bytes at consecutive addresses. */
    public record Segment(long address, byte[] data) {
        public long end() {
            return address + data.length;
        }
    }

    private final List<Segment> segments;

    private IntelHex(List<Segment> segments) {
        this.segments = segments;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Bytes of data the file holds. */
    public long dataBytes() {
        return segments.stream().mapToLong(s -> s.data().length).sum();
    }

    /** Parses and checks {@code text}; throws {@link InvalidImage} naming the first bad line. */
    public static IntelHex parse(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        TreeMap<Long, byte[]> records = new TreeMap<>();
        long base = 0;
        boolean eof = false;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (eof) {
                throw new InvalidImage("line " + lineNo + ": data after the end-of-file record");
            }
            byte[] rec = decode(line, lineNo);
            int count = rec[0] & 0xFF;
            if (rec.length != count + 5) {
                throw new InvalidImage("line " + lineNo + ": byte count says " + count + " data bytes, the record holds "
                        + (rec.length - 5) + " (truncated or corrupted)");
            }
            int sum = 0;
            for (byte b : rec) {
                sum += b & 0xFF;
            }
            if ((sum & 0xFF) != 0) {
                int stated = rec[rec.length - 1] & 0xFF;
                int expected = (stated - sum) & 0xFF;
                throw new InvalidImage(String.format("line %d: checksum %02X is wrong, it should be %02X (corrupted)",
                        lineNo, stated, expected));
            }
            int offset = ((rec[1] & 0xFF) << 8) | (rec[2] & 0xFF);
            int type = rec[3] & 0xFF;
            switch (type) {
                case 0x00 -> {
                    byte[] data = new byte[count];
                    System.arraycopy(rec, 4, data, 0, count);
                    long at = base + offset;
                    if (offset + count > 0x10000) {
                        throw new InvalidImage("line " + lineNo + ": data record wraps past its 64 KB segment");
                    }
                    var before = records.floorEntry(at + count - 1);
                    if (before != null && before.getKey() + before.getValue().length > at && count > 0) {
                        throw new InvalidImage(String.format("line %d: data at 0x%08X overlaps data written before at 0x%08X",
                                lineNo, at, before.getKey()));
                    }
                    if (count > 0) {
                        records.put(at, data);
                    }
                }
                case 0x01 -> {
                    if (count != 0) {
                        throw new InvalidImage("line " + lineNo + ": end-of-file record carries data");
                    }
                    eof = true;
                }
                case 0x02 -> base = ((long) need2(rec, count, lineNo)) << 4;
                case 0x04 -> base = ((long) need2(rec, count, lineNo)) << 16;
                case 0x03, 0x05 -> {
                    if (count != 4) {
                        throw new InvalidImage("line " + lineNo + ": start address record must hold 4 bytes");
                    }
                }
                default -> throw new InvalidImage(String.format("line %d: unknown record type %02X", lineNo, type));
            }
        }
        if (!eof) {
            throw new InvalidImage("no end-of-file record (:00000001FF) after line " + lineNo + ": the file is truncated");
        }
        if (records.isEmpty()) {
            throw new InvalidImage("the file holds no data records");
        }
        return new IntelHex(merge(records));
    }

    private static int need2(byte[] rec, int count, int lineNo) {
        if (count != 2) {
            throw new InvalidImage("line " + lineNo + ": address record must hold 2 bytes, holds " + count);
        }
        return ((rec[4] & 0xFF) << 8) | (rec[5] & 0xFF);
    }

    private static byte[] decode(String line, int lineNo) {
        if (line.charAt(0) != ':') {
            throw new InvalidImage("line " + lineNo + ": does not start with ':' (not an Intel HEX record)");
        }
        if (line.length() < 11 || (line.length() - 1) % 2 != 0) {
            throw new InvalidImage("line " + lineNo + ": record of " + line.length() + " characters is cut short");
        }
        byte[] out = new byte[(line.length() - 1) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(line.charAt(1 + 2 * i), 16);
            int lo = Character.digit(line.charAt(2 + 2 * i), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidImage("line " + lineNo + ": non-hex character at column " + (2 + 2 * i));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static List<Segment> merge(TreeMap<Long, byte[]> records) {
        List<Segment> out = new ArrayList<>();
        long start = -1;
        java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
        long next = -1;
        for (var e : records.entrySet()) {
            if (e.getKey() != next) {
                if (start >= 0) {
                    out.add(new Segment(start, cur.toByteArray()));
                }
                cur.reset();
                start = e.getKey();
            }
            cur.writeBytes(e.getValue());
            next = e.getKey() + e.getValue().length;
        }
        out.add(new Segment(start, cur.toByteArray()));
        return List.copyOf(out);
    }

    /** One Intel HEX record line, with its checksum. */
    public static String record(int type, int offset, byte[] data) {
        StringBuilder sb = new StringBuilder(":");
        int sum = data.length + (offset >> 8 & 0xFF) + (offset & 0xFF) + type;
        sb.append(String.format("%02X%04X%02X", data.length, offset & 0xFFFF, type));
        for (byte b : data) {
            sb.append(String.format("%02X", b & 0xFF));
            sum += b & 0xFF;
        }
        sb.append(String.format("%02X", (-sum) & 0xFF));
        return sb.toString();
    }
}
