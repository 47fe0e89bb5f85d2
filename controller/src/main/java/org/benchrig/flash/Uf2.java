package org.benchrig.flash;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A UF2 file, checked block by block: 512-byte blocks, the three magic numbers, payload size,
 * block numbers 0..n-1 in order with one total, and one family id for the whole file. Errors name
 * the block. Only blocks meant for main flash are kept as {@link #segments()}.
 */
public final class Uf2 {
    public static final int BLOCK = 512;
    public static final int MAGIC_START0 = 0x0A324655;
    public static final int MAGIC_START1 = 0x9E5D5157;
    public static final int MAGIC_END = 0x0AB16F30;
    public static final int FLAG_NOT_MAIN_FLASH = 0x00000001;
    public static final int FLAG_FAMILY_ID = 0x00002000;
    public static final int MAX_PAYLOAD = 476;

    private final List<IntelHex.Segment> segments;
    private final int blocks;
    private final OptionalLong familyId;

    private Uf2(List<IntelHex.Segment> segments, int blocks, OptionalLong familyId) {
        this.segments = segments;
        this.blocks = blocks;
        this.familyId = familyId;
    }

    public List<IntelHex.Segment> segments() {
        return segments;
    }

    public int blocks() {
        return blocks;
    }

    /** The family id every block carries, or empty when the blocks carry none. */
    public OptionalLong familyId() {
        return familyId;
    }

    /** Parses and checks a whole UF2 file. */
    public static Uf2 parse(byte[] content) {
        if (content.length == 0) {
            throw new InvalidImage("empty file");
        }
        if (content.length % BLOCK != 0) {
            throw new InvalidImage("size " + content.length + " is not a multiple of " + BLOCK
                    + " bytes: the last block is cut short (truncated)");
        }
        int n = content.length / BLOCK;
        ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        List<IntelHex.Segment> segs = new ArrayList<>();
        long total = -1;
        Long family = null;
        boolean anyWithoutFamily = false;
        for (int i = 0; i < n; i++) {
            int o = i * BLOCK;
            int m0 = b.getInt(o);
            int m1 = b.getInt(o + 4);
            int flags = b.getInt(o + 8);
            long addr = Integer.toUnsignedLong(b.getInt(o + 12));
            int size = b.getInt(o + 16);
            long blockNo = Integer.toUnsignedLong(b.getInt(o + 20));
            long numBlocks = Integer.toUnsignedLong(b.getInt(o + 24));
            long fam = Integer.toUnsignedLong(b.getInt(o + 28));
            int mEnd = b.getInt(o + BLOCK - 4);
            if (m0 != MAGIC_START0 || m1 != MAGIC_START1 || mEnd != MAGIC_END) {
                throw new InvalidImage(String.format("block %d: bad magic numbers %08X %08X ... %08X (corrupted or not UF2)",
                        i, m0, m1, mEnd));
            }
            if (size < 0 || size > MAX_PAYLOAD) {
                throw new InvalidImage("block " + i + ": payload size " + size + " exceeds " + MAX_PAYLOAD);
            }
            if (blockNo != i) {
                throw new InvalidImage("block " + i + ": numbered " + blockNo + " (blocks missing or out of order)");
            }
            if (total < 0) {
                total = numBlocks;
            } else if (numBlocks != total) {
                throw new InvalidImage("block " + i + ": says the file has " + numBlocks + " blocks, block 0 said " + total);
            }
            if ((flags & FLAG_FAMILY_ID) != 0) {
                if (family == null) {
                    family = fam;
                } else if (family != fam) {
                    throw new InvalidImage(String.format("block %d: family id 0x%08X, earlier blocks 0x%08X", i, fam, family));
                }
            } else {
                anyWithoutFamily = true;
            }
            if ((flags & FLAG_NOT_MAIN_FLASH) == 0) {
                byte[] data = new byte[size];
                System.arraycopy(content, o + 32, data, 0, size);
                segs.add(new IntelHex.Segment(addr, data));
            }
        }
        if (total != n) {
            throw new InvalidImage("the blocks say the file has " + total + " blocks, it holds " + n + " (truncated)");
        }
        if (family != null && anyWithoutFamily) {
            throw new InvalidImage("some blocks carry a family id and some do not (corrupted)");
        }
        return new Uf2(List.copyOf(segs), n, family == null ? OptionalLong.empty() : OptionalLong.of(family));
    }

    /** Refuses a file built for another chip: a board's boot ROM ignores such blocks silently. */
    public void requireFamily(long expected, String name) {
        if (familyId.isEmpty()) {
            throw new InvalidImage(String.format("the file carries no family id; the board (%s) needs 0x%08X", name, expected));
        }
        if (familyId.getAsLong() != expected) {
            throw new InvalidImage(String.format("family id 0x%08X does not match the board's %s (0x%08X): "
                    + "this image is for another chip", familyId.getAsLong(), name, expected));
        }
    }

    /** Builds a UF2 file of {@code data} at {@code address} (256-byte payloads, as picotool writes). */
    public static byte[] build(long address, byte[] data, long familyId) {
        int per = 256;
        int n = (data.length + per - 1) / per;
        ByteBuffer out = ByteBuffer.allocate(n * BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int o = i * BLOCK;
            out.putInt(o, MAGIC_START0).putInt(o + 4, MAGIC_START1).putInt(o + 8, FLAG_FAMILY_ID)
                    .putInt(o + 12, (int) (address + (long) i * per)).putInt(o + 16, per).putInt(o + 20, i)
                    .putInt(o + 24, n).putInt(o + 28, (int) familyId).putInt(o + BLOCK - 4, MAGIC_END);
            int len = Math.min(per, data.length - i * per);
            out.put(o + 32, data, i * per, len);
        }
        return out.array();
    }
}
