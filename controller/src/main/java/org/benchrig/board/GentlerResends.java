package org.benchrig.board;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.benchrig.config.Pacing;

/**
 * The pacings of one source's sends: the board's configured pacing first, and each re-send (after
 * the board found the source damaged, or did not confirm it) gentler than the one before
 * ({@link Pacing#gentler}): under host load a re-send paced the same way is lost the same way. One
 * per source, so the next source starts at the configured pacing again; it keeps what was tried,
 * for the failure message.
 */
public final class GentlerResends {
    private final List<Pacing> tried = new ArrayList<>();
    private boolean rawPaste;

    public GentlerResends(Pacing configured) {
        tried.add(configured);
    }

    /** The pacing of the next send. */
    public Pacing now() {
        return tried.get(tried.size() - 1);
    }

    /** Before a re-send: it goes out gentler than the last send (the same once at the gentlest). */
    public void gentler() {
        tried.add(now().gentler());
    }

    /** The board took the source by raw-paste: its own flow control, not the pacing, set the pace. */
    void sentByRawPaste() {
        rawPaste = true;
    }

    /** What the sends were paced with, e.g. "pacings tried: 32 B / 5 ms, 16 B / 10 ms". */
    public String tried() {
        if (rawPaste) {
            return "sent by raw-paste (the board's flow control, no pacing)";
        }
        return (tried.size() == 1 ? "pacing " : "pacings tried: ")
                + tried.stream().map(Pacing::label).collect(Collectors.joining(", "));
    }
}
