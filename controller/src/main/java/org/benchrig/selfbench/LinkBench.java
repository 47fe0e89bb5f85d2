package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.board.Board;

/**
 * {@code selfbench link}: benchrig's way of talking to a board against the stock way of
 * MicroPython's own host tools ({@link StockTransfer}), on the same board, link and run, each pair
 * of measurements interleaved so both see the same host load. Each case is a class of its own
 * ({@link RoundTripCase}, {@link UploadCase}, {@link TransferCase}, {@link RepetitionCase}) on one
 * {@link LinkSession}.
 */
public final class LinkBench {
    /** Board file names used by this benchmark; removed before and after. */
    static final String OURS_FILE = "sb_ours.py";
    static final String STOCK_FILE = "sb_stock.py";

    /**
     * @param rttRuns        (a) tiny execs per way
     * @param uploadRuns     (b) module uploads per way
     * @param moduleBytes    (b) size of the uploaded module
     * @param transferRuns   (c) transfers of the self-checking script, benchrig's way
     * @param stockTransfers (c) the same, the stock way
     * @param scriptBytes    (c) size of the self-checking script
     * @param repRuns        (d) repetitions per way
     * @param verifiedRuns   (c) the same script by verified upload, then run from the board's flash
     */
    public record Settings(int rttRuns, int uploadRuns, int moduleBytes, int transferRuns, int stockTransfers,
                           int scriptBytes, int repRuns, int verifiedRuns) {
    }

    /** One line of the result table; ratio is benchrig / stock. */
    public record Row(String measurement, String n, String benchrig, String stock, String ratio) {
    }

    public record Report(List<Row> rows, List<String> notes) {
    }

    /** A benchmark module from firmware-scripts/benchmarks, with its file name and tier. */
    public record Benchmark(String name, String source, String tier) {
    }

    private final LinkSession session;

    public LinkBench(Board board, PrintWriter progress) {
        this.session = new LinkSession(board, progress);
    }

    public Report run(Settings s, Benchmark bench) {
        List<Row> rows = new ArrayList<>();
        // the first exec probes raw-paste (0x05 'A' 0x01); do it before any stock exec
        session.exec("print(0)");
        session.removeFiles(OURS_FILE, STOCK_FILE, bench.name() + ".py");
        rows.add(RoundTripCase.run(session, s.rttRuns()));
        rows.add(UploadCase.run(session, s.uploadRuns(), s.moduleBytes()));
        rows.add(TransferCase.run(session, s.transferRuns(), s.stockTransfers(), s.scriptBytes()));
        if (s.verifiedRuns() > 0) {
            rows.add(TransferCase.verified(session, s.verifiedRuns(), s.scriptBytes()));
        }
        rows.addAll(RepetitionCase.run(session, s.repRuns(), bench));
        session.removeFiles(OURS_FILE, STOCK_FILE, bench.name() + ".py");
        return new Report(rows, session.notes());
    }
}
