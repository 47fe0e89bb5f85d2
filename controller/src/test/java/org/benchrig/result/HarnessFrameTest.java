package org.benchrig.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The frame a user's numbers come from: intact, of this call, and decided by the controller. */
class HarnessFrameTest {
    static final Path HARNESS = Path.of(System.getProperty("benchrig.repo", "..")).toAbsolutePath().normalize()
            .resolve("firmware-scripts/harness");

    /** Runs bh.rep for real (CPython) on a tiny module and returns what it printed. */
    static String harnessOutput(String body, String nonce) throws IOException, InterruptedException {
        String script = "import sys; sys.path.insert(0, sys.argv[1]); import bh\n"
                + "class M: pass\n"
                + "m = M(); m.NAME = 'demo'; m.TIERS = {'s': (3,)}; m.EXPECT = {'s': 9}\n"
                + "m.bench = lambda n: " + body + "\n"
                + "bh.rep(m, 's', 0, 'cold', sys.argv[2])\n";
        Process p = new ProcessBuilder("python3", "-c", script, HARNESS.toString(), nonce).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theHarnessChecksumIsTheControllersAndTheFrameCarriesTheNonce() throws Exception {
        String out = harnessOutput("n * n", "0badf00d");
        HarnessFrame.FrameScan scan = HarnessFrame.scan(out, "0badf00d");
        assertThat(scan.frame()).as(out).isPresent();
        assertThat(scan.damaged()).isZero();
        HarnessFrame f = scan.frame().get();
        assertThat(f.get("bench")).isEqualTo("demo");
        assertThat(f.get("check")).isEqualTo("9");
        assertThat(f.decide(9).outcome().isOk()).isTrue();
        assertThat(f.decide(9).boardAgrees()).isTrue();
    }

    @Test
    void aFrameWithOneChangedDigitIsRejectedAsDamaged() throws Exception {
        String out = harnessOutput("n * n", "12345678").strip();
        int t = out.indexOf("t_ns=") + 5;
        char d = out.charAt(t);
        String flipped = out.substring(0, t) + (d == '9' ? '8' : (char) (d + 1)) + out.substring(t + 1);
        HarnessFrame.FrameScan scan = HarnessFrame.scan(flipped, "12345678");
        assertThat(scan.frame()).isEmpty();
        assertThat(scan.damaged()).isEqualTo(1);
        // a dropped byte is caught the same way
        HarnessFrame.FrameScan cut = HarnessFrame.scan(out.substring(0, t) + out.substring(t + 1), "12345678");
        assertThat(cut.frame()).isEmpty();
        assertThat(cut.damaged()).isEqualTo(1);
    }

    @Test
    void aFrameShapedLinePrintedByTheBenchmarkIsNotTheResult() throws Exception {
        // the benchmark prints a well-formed frame of its own (with a valid checksum, but not the
        // call's nonce) claiming 1000 ns and ok, then returns a wrong value
        String forged = "@BR2|n=deadbeef|bench=demo|tier=s|rep=0|mode=cold|t_ns=1000|free0=-1|free1=-1|free2=-1"
                + "|outcome=ok|check=9|exc=|";
        forged = forged + "c=" + HarnessFrame.checksum(forged) + "|@";
        String out = harnessOutput("print('" + forged + "') or 10", "cafe0001");
        HarnessFrame.FrameScan scan = HarnessFrame.scan(out, "cafe0001");
        assertThat(scan.foreign()).isEqualTo(1);
        HarnessFrame f = scan.frame().orElseThrow();
        assertThat(f.get("check")).isEqualTo("10");
        assertThat(f.decide(9).outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
        assertThat(f.decide(9).outcome().detail()).contains("returned 10").contains("expected 9");
    }

    @Test
    void theControllerDecidesAndABoardThatDisagreesIsNotTrusted() {
        String line = "@BR2|n=00000001|bench=demo|tier=s|rep=0|mode=warm|t_ns=5|outcome=ok|check=8|exc=|";
        HarnessFrame f = HarnessFrame.parseLine(line + "c=" + HarnessFrame.checksum(line) + "|@").orElseThrow();
        HarnessFrame.Decision d = f.decide(9);
        assertThat(d.outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
        assertThat(d.boardAgrees()).isFalse();
        // a long expected value is compared as the harness prints it: first 60 characters, no '|'
        assertThat(HarnessFrame.checkText("a|b" + "x".repeat(100))).hasSize(60).startsWith("a/b");
    }
}
