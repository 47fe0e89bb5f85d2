package org.benchrig.cli;

import picocli.CommandLine.Parameters;

/** The {@code BOARD} the board commands ({@code exec}, {@code upload}, {@code flash}) take first. */
public final class BoardArgument {
    @Parameters(index = "0", paramLabel = "BOARD")
    String id;

    public String id() {
        return id;
    }
}
