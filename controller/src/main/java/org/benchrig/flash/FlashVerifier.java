package org.benchrig.flash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.BoardModels;
import org.benchrig.board.BoardState;
import org.benchrig.time.Deadline;

/**
 * After flashing (or instead of it, for --verify-only): the board answers on its REPL, the version
 * it reports ({@code os.uname()}) is the one compiled into the image, and its machine is the
 * board's model. Also measures flash use: the image's bytes against the chip's flash, and the
 * filesystem's used/free bytes.
 */
public final class FlashVerifier {
    private static final String UNAME = "import os\nu=os.uname()\nprint('@U|%s|%s|%s|%s|'%(u.sysname,u.release,u.version,u.machine))";

    private FlashVerifier() {
    }

    /** Flash use of a board. {@code chipFlash} and {@code fsFree} are -1 when unknown. */
    public record FlashUse(long firmwareBytes, long chipFlash, long fsUsed, long fsFree) {
        public double firmwareShare() {
            return chipFlash > 0 ? (double) firmwareBytes / chipFlash : Double.NaN;
        }
    }

    /**
     * @param release  {@code sys.implementation.version}, e.g. 1.9.2
     * @param version  {@code os.uname().version}, e.g. "v1.9.2-34-gd64154c73 on 2017-09-01"
     * @param problems why the board does not run this image; empty when verified
     * @param notes    what could not be checked
     */
    public record Verification(String board, FirmwareImage image, String release, String version, String machine,
                               FlashUse use, List<String> problems, List<String> notes) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** The MicroPython tag in {@code os.uname().version}: "v1.22.0 on ..." or, on the micro:bit, "micro:bit v1.0.1 ...; MicroPython v1.9.2-34-g... on ...". */
    static String tagOf(String version) {
        java.util.regex.Matcher m = TAG.matcher(version);
        return m.find() ? m.group(1) : version.strip();
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("(?:^|MicroPython )(v\\d[^ ;]*)");

    /** Checks the board runs {@code image}; throws {@link FlashFailed} when the board does not answer. */
    public static Verification verify(Board board, FirmwareImage image, Deadline deadline) {
        String out;
        BoardInfo info;
        try {
            out = board.execOwn(UNAME, deadline).stdoutOrThrow(); // checksummed, re-sent gentler when a byte was lost
            info = board.info(deadline);
        } catch (RuntimeException e) {
            board.setState(BoardState.OFFLINE, "does not answer after flashing");
            throw new FlashFailed("verify", "board " + board.id() + " does not answer after flashing: " + e.getMessage());
        }
        int at = out.indexOf("@U|");
        if (at < 0) {
            throw new FlashFailed("verify", "board " + board.id() + " answered os.uname() with: " + out.strip());
        }
        String[] f = out.substring(at + 3).split("\\|");
        String release = info.version(); // sys.implementation.version: the micro:bit's uname().release is its runtime's (1.0.1)
        String version = f[2];
        String machine = f[3];
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!"micropython".equals(info.implementation())) {
            problems.add("the board runs " + info.implementation() + ", not MicroPython");
        }
        Optional<FirmwareImage.Banner> banner = image.banner();
        if (banner.isPresent()) {
            FirmwareImage.Banner b = banner.get();
            String boardTag = tagOf(version);
            if (!boardTag.equals(b.tag())) {
                problems.add("the board reports version " + version + ", the image is " + b.tag());
            } else if (!release.equals(b.release())) {
                problems.add("the board reports release " + release + ", the image is " + b.release());
            }
            if (!machine.contains(b.mcu())) {
                problems.add("the board reports machine '" + machine + "', the image is built for " + b.mcu());
            }
        } else {
            notes.add("the image carries no MicroPython banner: its version cannot be compared with the board's");
        }
        String model = board.config().model();
        Optional<ChipModel> chip = ChipModel.of(model);
        if (chip.isPresent() && !chip.get().machineMatches(machine)) {
            problems.add("the board reports machine '" + machine + "', but the config says model " + model
                    + " (expected " + chip.get().machineMark() + ")");
        } else if (chip.isEmpty()) {
            notes.add("model " + model + " is unknown here: machine and flash size not checked");
        }
        OptionalLong free = BoardModels.filesystemFree(model, info);
        FlashUse use = new FlashUse(image.flashBytes(), chip.map(ChipModel::flashBytes).orElse(-1L), info.fsUsed(),
                free.orElse(-1));
        return new Verification(board.id(), image, release, version, machine, use, List.copyOf(problems),
                List.copyOf(notes));
    }
}
