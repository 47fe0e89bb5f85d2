package org.benchrig.flash;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.benchrig.time.Deadline;

/**
 * ESP32/ESP8266 flashing with the external esptool. With BOOT (GPIO0) and EN wired to the Pi: hold
 * GPIO0 low, pulse EN low (the ROM samples GPIO0 as EN rises and enters its download mode), run
 * esptool with {@code --before no_reset --after no_reset}, release GPIO0 and pulse EN again to
 * start the new firmware. Without them the board's USB-serial auto-reset circuit does it
 * ({@code default_reset}/{@code hard_reset}). esptool's output lines go to a progress sink; when it
 * fails, its last lines are classified and carried by {@link FlashFailed}.
 */
public final class EsptoolFlasher implements Flasher {
    /** ESP32 datasheet: EN low for at least 50 us; 100 ms also covers the RC delay on DevKit boards. */
    static final Duration EN_PULSE = Duration.ofMillis(100);
    /** How many of esptool's last lines a failure carries. */
    static final int TAIL_LINES = 12;
    /** Time esptool gets to exit after it is told to stop at the deadline. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    /** esptool's messages and what they mean for the person at the bench. */
    private static final List<String[]> DIAGNOSES = List.of(
            new String[] {"failed to connect", "the chip did not enter its download mode: check the GPIO0/EN wiring "
                    + "(or the board's auto-reset), the port and the cable"},
            new String[] {"could not open", "esptool cannot open the serial port"},
            new String[] {"no such file or directory", "esptool cannot open the serial port"},
            new String[] {"wrong --chip", "the board is another chip than the config's flash.chip"},
            new String[] {"this chip is", "the board is another chip than the config's flash.chip"},
            new String[] {"invalid head of packet", "the serial transfer was corrupted: lower flash.baud"},
            new String[] {"packet content transfer stopped", "the serial transfer was corrupted: lower flash.baud"},
            new String[] {"timed out waiting for packet", "the serial transfer stalled: lower flash.baud"},
            new String[] {"will not fit", "the image does not fit the chip's flash"},
            new String[] {"no module named", "esptool is not installed for this Python (pip install esptool)"});

    private final String command;
    private final String chip;
    private final String port;
    private final int baud;
    private final long offset;
    private final DigitalOutput boot;
    private final DigitalOutput en;
    private final Consumer<String> progress;

    /** {@code boot} and {@code en} may both be null: the board's auto-reset circuit is used. */
    public EsptoolFlasher(String command, String chip, String port, int baud, long offset, DigitalOutput boot,
                          DigitalOutput en, Consumer<String> progress) {
        this.command = command;
        this.chip = chip;
        this.port = port;
        this.baud = baud;
        this.offset = offset;
        this.boot = boot;
        this.en = en;
        this.progress = progress;
    }

    /** The esptool command line for {@code image}. */
    public List<String> commandLine(Path image) {
        List<String> cmd = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
        boolean wired = boot != null;
        cmd.addAll(List.of("--chip", chip, "--port", port, "--baud", Integer.toString(baud),
                "--before", wired ? "no_reset" : "default_reset",
                "--after", wired ? "no_reset" : "hard_reset",
                "write_flash", String.format("0x%x", offset), image.toAbsolutePath().toString()));
        return cmd;
    }

    @Override
    public FlashReport flash(FirmwareImage image, Deadline deadline) {
        if (image.format() != FirmwareImage.Format.BIN) {
            throw new InvalidImage(image.path() + ": esptool writes a raw .bin image");
        }
        if (chip.startsWith("esp32")) {
            image.requireFits(ChipModel.ESP32);
        }
        long t0 = System.nanoTime();
        List<String> steps = new ArrayList<>();
        if (boot != null) {
            boot.low();
            pulseEn();
            steps.add("GPIO0 held low, EN pulsed: ROM download mode");
        }
        List<String> cmd = commandLine(image.path());
        int exit;
        Deque<String> tail = new ArrayDeque<>();
        try {
            exit = run(cmd, deadline, tail);
        } finally {
            if (boot != null) {
                boot.high();
                pulseEn();
            }
        }
        if (boot != null) {
            steps.add("GPIO0 released, EN pulsed: the new firmware starts");
        }
        List<String> last = List.copyOf(tail);
        if (exit != 0) {
            throw new FlashFailed(label(), diagnose(last) + " (esptool exited with " + exit + ")", last);
        }
        steps.add(String.join(" ", cmd) + ": exit 0");
        Path portPath = Path.of(port);
        Waits.until(label(), () -> Files.exists(portPath), deadline,
                () -> "the serial port " + port + " did not come back after esptool");
        return new FlashReport(label(), image, Duration.ofNanos(System.nanoTime() - t0), steps);
    }

    private void pulseEn() {
        en.low();
        Waits.sleep(label(), EN_PULSE);
        en.high();
    }

    /** Runs esptool, streaming its lines (split at \n and at the \r of its progress updates). */
    private int run(List<String> cmd, Deadline deadline, Deque<String> tail) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new FlashFailed(label(), "cannot run esptool '" + cmd.get(0) + "': " + e.getMessage()
                    + "; install it (pip install esptool) or set flash.esptool");
        }
        Thread reader = new Thread(() -> readLines(p.getInputStream(), tail), "esptool-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                reader.join(STOP_WAIT.toMillis());
                throw new FlashFailed(label(), "esptool did not finish within " + deadline.budget().toMillis()
                        + " ms; stopped it", snapshot(tail));
            }
            reader.join(STOP_WAIT.toMillis());
            return p.exitValue();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FlashFailed(label(), "interrupted; esptool stopped", snapshot(tail));
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    private void readLines(InputStream in, Deque<String> tail) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (in) {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n' || c == '\r') {
                    emit(line, tail);
                } else {
                    line.write(c);
                }
            }
        } catch (IOException ignored) {
            // the process ended; what was read is kept
        }
        emit(line, tail);
    }

    private void emit(ByteArrayOutputStream line, Deque<String> tail) {
        String s = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (s.isEmpty()) {
            return;
        }
        progress.accept(s);
        synchronized (tail) {
            tail.addLast(s);
            while (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** What esptool's last lines mean; the first known message wins. */
    static String diagnose(List<String> lines) {
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            for (String[] d : DIAGNOSES) {
                if (l.contains(d[0])) {
                    return d[1];
                }
            }
        }
        return "esptool failed";
    }

    @Override
    public String label() {
        return "esptool " + chip + " on " + port + (boot == null ? " (auto-reset)"
                : " (GPIO0 " + boot.id() + ", EN " + en.id() + ")");
    }
}
