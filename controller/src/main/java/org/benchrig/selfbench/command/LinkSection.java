package org.benchrig.selfbench.command;

import java.io.PrintWriter;
import org.benchrig.selfbench.LinkBench;

/** {@code selfbench link}'s table and notes, as printed and as its section of docs/performance.md. */
final class LinkSection {
    /** The stock column's header: what it is, so an imitation is never read as the tools' own numbers. */
    static final String STOCK_HEADER = "stock: IMITATION of pyboard.py/mpremote (StockTransfer) unless the row says REAL";

    /** What the rows mean; part of the generated section so it never drifts from the code. */
    static final String HOW = String.join("\n",
            "How it is measured (`org.benchrig.selfbench.LinkBench`): one emulated board, one open link, benchrig's",
            "way and the stock way interleaved run by run. **benchrig** = `Board.exec` (raw REPL, the board's",
            "`pacing:` chunks and gaps, default 32 B / 5 ms; for (c) `Board.execChecked`, the way of `benchrig exec`:",
            "the source checked on the board before it runs, over 256 B put on the flash by verified upload and imported) and `VerifiedUpload` (128-byte pieces each checked",
            "with Adler-32 on the board, whole file re-checked). **stock** = `StockTransfer`, what pyboard.py and",
            "mpremote do: the source in 256-byte chunks, a 10 ms pause after each chunk (the last one too), Ctrl-D,",
            "no verification; uploads are `f=open(..,'wb')`, `w(<repr of 256 bytes>)` per chunk, `f.close()`, and",
            "the file is then read back on the board (length + Adler-32) to count silently corrupted files. (c)",
            "uses a self-checking script: a literal of pseudo-random bytes whose length and Adler-32 the board",
            "prints; any other output, an exception or no answer counts as a corrupted transfer. Times are host",
            "wall-clock times (the board's `ticks_us` run on QEMU's virtual `-icount` clock). A stock exec that",
            "leaves the board without its prompt is followed by Ctrl-C/Ctrl-B/Ctrl-A, or a hard reset if that",
            "fails; both are counted. Throughput includes opening, closing and (benchrig) the final check.",
            "A benchrig source the board did not confirm (a lost Ctrl-D: no `OK`), or one of the controller's own",
            "checked scripts that arrived damaged (`Board.execOwn`), is re-sent gentler each time (`Pacing.gentler`:",
            "half the chunk down to 16 B, twice the gap up to 20 ms): a figure that needed such a re-send includes a",
            "gentler send. A damaged upload piece or `benchrig exec` call is re-sent at the board's pacing.",
            "With `--stock-tool PATH` (`org.benchrig.selfbench.RealToolBench`) the (c) transfers run once more:",
            "benchrig's way on the board, and the REAL pyboard.py (`--device PORT script.py`, run by Debian's",
            "python3 with python3-serial) or mpremote (`connect PORT run script.py`) on a second emulated board",
            "with the same firmware (a pty opens once at a time), run by run in turn; each tool run is a process",
            "with a 30 s deadline, so its time includes start-up, opening the port and its soft reset.",
            "");

    private final LinkBench.Report report;
    private final ResultTable table = new ResultTable("measurement", "N (benchrig + stock)", "benchrig", STOCK_HEADER,
            "ratio benchrig/stock");

    LinkSection(LinkBench.Report report) {
        this.report = report;
        report.rows().forEach(r -> table.row(r.measurement(), r.n(), r.benchrig(), r.stock(), r.ratio()));
    }

    /** What the rows without REAL compare with, and the load it ran under. */
    static String imitationNote(String loadBefore, String loadAfter, boolean realToolRuns) {
        return "Rows without REAL compare with benchrig's imitation of pyboard.py/mpremote (`StockTransfer`), not the "
                + "tools themselves; its losses grow with host load: it ran under a load average (1 min) of "
                + loadBefore + " at the start and " + loadAfter + " at the end, on " + HostLoad.cpus() + " CPUs."
                + (realToolRuns ? "" : " The real tools were not run: give --stock-tool PATH to run them side by side.");
    }

    void print(PrintWriter out) {
        table.print(out);
        report.notes().forEach(n -> out.println("- " + n));
        out.flush();
    }

    String markdown(String where, String command) {
        StringBuilder sb = new StringBuilder(SelfbenchOptions.measured(" on ", where, command)).append(table.markdown()).append('\n');
        report.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        return sb.append('\n').append(HOW).toString();
    }
}
