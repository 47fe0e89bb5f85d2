package org.benchrig.config;

/**
 * How bytes are written to a board's raw REPL: chunks of {@code chunkBytes} with {@code gapMs}
 * between them, so the board's receive buffer never overflows.
 */
public record Pacing(int chunkBytes, int gapMs) {

    /** 32-byte chunks with 5 ms gaps: safe for the micro:bit's 64-byte UART receive buffer. */
    public static final Pacing SAFE_DEFAULT = new Pacing(32, 5);

    static Pacing read(MappingReader m) {
        return new Pacing(
                m.integer("chunk_bytes", 1, 4096, SAFE_DEFAULT.chunkBytes()),
                m.integer("gap_ms", 0, 1000, SAFE_DEFAULT.gapMs()));
    }
}
