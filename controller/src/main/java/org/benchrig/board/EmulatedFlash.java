package org.benchrig.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.benchrig.time.Deadline;

/**
 * The flash of one emulated micro:bit kept between power-offs, as a real board keeps its files: a
 * copy of the nRF51's 256 KB flash ({@code BOARD.flash}) and which firmware image it grew from
 * ({@code BOARD.json}) in the rig's {@code data/flash/}. Saved through QMP {@code memsave} (the flash
 * is mapped at 0 in the CPU's address space only; {@code pmemsave} reads the system bus, which lacks
 * it) before the emulator stops, and loaded instead of the image at the next start, raw at address
 * 0. A copy from another image is not loaded (it is dropped), and flashing drops it, as flashing a
 * real micro:bit erases its filesystem.
 */
final class EmulatedFlash {
    /** The nRF51822's flash: 256 KB from address 0. */
    static final long FLASH_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path image;
    private final Path about;

    EmulatedFlash(Path dir, String boardId) {
        this.image = dir.resolve(boardId + ".flash");
        this.about = dir.resolve(boardId + ".json");
    }

    Path file() {
        return image;
    }

    /** The {@code -device loader} argument that starts the board: its kept flash when it grew from {@code firmware}. */
    String loader(Path firmware) {
        if (Files.isRegularFile(image) && Files.isRegularFile(about)) {
            try {
                Map<?, ?> m = JSON.readValue(about.toFile(), Map.class);
                if (sha256(firmware).equals(m.get("firmware_sha256"))) {
                    return "loader,file=" + image.toAbsolutePath() + ",addr=0,force-raw=on";
                }
            } catch (IOException e) {
                // unreadable: start from the image, as after an erase
            }
            clear();
        }
        return "loader,file=" + firmware.toAbsolutePath();
    }

    /** Copies the running emulator's flash to the file (atomically: a half-written copy is never loaded). */
    void save(Path qmpSocket, Path firmware, Deadline deadline) {
        Path part = image.resolveSibling(image.getFileName() + ".part");
        try {
            Files.createDirectories(image.getParent());
            Files.deleteIfExists(part);
            Qmp.execute(qmpSocket, "memsave", Map.of("val", 0, "size", FLASH_BYTES, "cpu-index", 0,
                    "filename", part.toAbsolutePath().toString()), deadline);
            if (!Files.isRegularFile(part) || Files.size(part) != FLASH_BYTES) {
                throw new LinkLost("QEMU saved no complete flash copy to " + part);
            }
            JSON.writeValue(about.toFile(), Map.of("firmware", firmware.toAbsolutePath().toString(),
                    "firmware_sha256", sha256(firmware), "saved_at", Instant.now().toString()));
            Files.move(part, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LinkLost("cannot keep the flash of the emulated board in " + image + ": " + e.getMessage(), e);
        }
    }

    /** Erases the kept flash: the next start boots the firmware image with an empty filesystem. */
    void clear() {
        for (Path p : List.of(image, about)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stale copy is dropped at the next start when its firmware does not match
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
