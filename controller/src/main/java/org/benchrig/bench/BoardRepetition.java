package org.benchrig.bench;

import java.time.Instant;
import java.util.Optional;
import org.benchrig.board.Board;
import org.benchrig.instrument.BoardPower;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;

/**
 * One repetition on a board, its harness call tried again over a faulty link (a repetition is
 * idempotent), with the energy measured around the try that gave the result. A fresh nonce per
 * try: a late frame of an earlier try is not this one's.
 */
final class BoardRepetition {
    /** Tries of one repetition over a faulty link (damaged call, damaged or missing frame, lost link recovered). */
    private static final int CALL_ATTEMPTS = 5;

    private final String target;
    private final Board board;
    private final BoardSetup setup;
    private final BoardPower power;   // null: no energy measured

    BoardRepetition(String target, Board board, BoardSetup setup, BoardPower power) {
        this.target = target;
        this.board = board;
        this.setup = setup;
        this.power = power;
    }

    Measurement run(Benchmark b, String tier, Mode mode, int rep, RunSettings s) {
        HarnessCall call = new HarnessCall(board, b, tier, rep, mode);
        boolean checked = false;
        String problem = "";
        for (int attempt = 1; attempt <= CALL_ATTEMPTS; attempt++) {
            String nonce = HarnessFrame.freshNonce();
            if (checked) { // the last try raised outside the benchmark: are the arguments reaching the board intact?
                Optional<String> damaged = call.verifyArguments(nonce);
                if (damaged.isPresent()) {
                    problem = damaged.get();
                    continue;
                }
            }
            long began = power == null ? 0 : power.begin();
            HarnessCall.Answer answer = call.call(nonce, s.benchmarkTimeout(), checked);
            if (answer instanceof HarnessCall.Result r) {
                Long timeNs = r.frame().timeNs();
                Energy energy = power == null ? null : power.end(began, timeNs);
                return new Measurement(s.measurementId(target, b.name(), mode, rep), s.runId(), target, b.name(), tier,
                        rep, mode, timeNs, r.elapsed().toNanos(), r.frame().heap(), r.frame().check(), r.outcome(),
                        Instant.now(), energy).withLatency(r.frame().latency());
            }
            if (power != null) {
                power.abort();
            }
            if (answer instanceof HarnessCall.Failed f) {
                return s.failure(target, b, tier, mode, rep, f.outcome());
            }
            HarnessCall.Retry retry = (HarnessCall.Retry) answer;
            problem = retry.problem();
            checked |= retry.sendChecked();
            if (retry.recovered()) {
                setup.restoreAfterRecovery();
            }
        }
        return s.failure(target, b, tier, mode, rep, Outcome.failed(FailureClass.INFRASTRUCTURE,
                "no trustworthy result in " + CALL_ATTEMPTS + " tries over a faulty link; last: " + problem));
    }
}
