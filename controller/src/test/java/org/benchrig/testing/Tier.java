package org.benchrig.testing;

/**
 * Which test tier runs: {@code fast} (surefire's {@code fast} profile sets {@code benchrig.tier})
 * or the full one. The helpers that start an emulator, a broker or a browser ask here, so a heavy
 * test class that lacks its tag fails in the fast tier instead of silently making it slow.
 */
public final class Tier {
    private Tier() {
    }

    public static boolean fast() {
        return "fast".equals(System.getProperty("benchrig.tier"));
    }

    /** Throws in the fast tier: {@code what} is started only by classes tagged {@code tag}. */
    public static void requireFull(String what, Class<?> tag) {
        if (fast()) {
            throw new IllegalStateException("this test starts " + what + ", which the fast tier leaves out: tag its class @"
                    + tag.getSimpleName());
        }
    }
}
