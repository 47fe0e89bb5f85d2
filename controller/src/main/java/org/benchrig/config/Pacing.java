package org.benchrig.config;

import java.util.Locale;

/**
 * How bytes are written to a board's raw REPL: chunks of {@code chunkBytes} with {@code gapMs}
 * between them, so the board's receive buffer never overflows.
 */
public record Pacing(int chunkBytes, int gapMs) {

    /** 32-byte chunks with 5 ms gaps: safe for the micro:bit's 64-byte UART receive buffer. */
    public static final Pacing SAFE_DEFAULT = new Pacing(32, 5);
    /** Re-sends halve the chunk down to this: the smallest chunk measured clean (16 B / 2 ms, 0 of 90 lost, FACTS.md). */
    public static final int GENTLE_CHUNK_BYTES = 16;
    /** Re-sends double the gap up to this (4x the default): a 600-byte script still goes out in under a second. */
    public static final int GENTLE_GAP_MS = 20;

    static Pacing read(MappingReader m) {
        return new Pacing(
                m.integer("chunk_bytes", 1, 4096, SAFE_DEFAULT.chunkBytes()),
                m.integer("gap_ms", 0, 1000, SAFE_DEFAULT.gapMs()));
    }

    /**
     * The pacing for a re-send after this one let bytes be lost: half the chunk (not below
     * {@link #GENTLE_CHUNK_BYTES}) and twice the gap (at least 2 ms, not above {@link #GENTLE_GAP_MS}),
     * never a larger chunk or a shorter gap than this one's. Losses come when the board does not
     * drain its buffer in a gap (a loaded host), so both a smaller burst and a longer gap help.
     * This pacing itself when it is already that gentle.
     */
    public Pacing gentler() {
        int chunk = chunkBytes > GENTLE_CHUNK_BYTES ? Math.max(GENTLE_CHUNK_BYTES, chunkBytes / 2) : chunkBytes;
        int gap = Math.max(gapMs, Math.min(GENTLE_GAP_MS, 2 * Math.max(1, gapMs)));
        return new Pacing(chunk, gap);
    }

    /** "32 B / 5 ms", for messages and reports. */
    public String label() {
        return String.format(Locale.ROOT, "%d B / %d ms", chunkBytes, gapMs);
    }
}
