package org.benchrig.board;

import java.time.Duration;
import java.util.Optional;

/** What one raw-REPL exec produced: stdout, the exception if one was raised, and the time it took. */
public record ExecResult(String stdout, Optional<BoardError> error, Duration elapsed) {

    public boolean ok() {
        return error.isEmpty();
    }

    /** stdout, or throws {@link BoardRaised} when the board raised an exception. */
    public String stdoutOrThrow() {
        error.ifPresent(e -> {
            throw new BoardRaised(e);
        });
        return stdout;
    }
}
