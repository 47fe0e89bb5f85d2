package org.benchrig.compat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.benchrig.bench.Hashes;
import org.benchrig.bench.Rig;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.config.BoardConfig;
import org.benchrig.time.Deadline;

/**
 * For a board: the app's imports (or requirement names) against the modules its firmware has.
 * The list comes from {@code help('modules')} on the board, cached per firmware; a missing module
 * that the app's own tree has as pure Python is marked as one that can be uploaded.
 */
record BoardModuleChecker(BoardConfig board, Rig rig, ModuleCache cache, AppTree app) implements TargetChecker {
    /** Opening the board (an emulator boots in a few seconds) plus the info probe and help('modules'). */
    private static final Duration BOARD_WAIT = Duration.ofSeconds(30);

    @Override
    public TargetResult check(List<Dependency> dependencies) {
        ModuleList list;
        try {
            list = modules();
        } catch (RuntimeException e) {
            String why = "board " + board.id() + " could not be asked: "
                    + (e.getMessage() == null ? "no answer" : e.getMessage());
            return TargetResult.notChecked(new TargetInfo(board.id(), "board", board.model(), "-"), dependencies, why);
        }
        TargetInfo info = new TargetInfo(board.id(), "board",
                list.implementation() + " " + list.version() + " (" + list.machine() + ")",
                "help('modules') on " + list.board() + " at " + list.askedAt() + ", cached as " + list.key());
        List<Finding> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            out.add(one(d, list.modules()));
        }
        return new TargetResult(info, out);
    }

    private Finding one(Dependency d, List<String> modules) {
        String name = d.isImport() ? d.name() : d.moduleName();
        if (modules.contains(name)) {
            return Finding.of(d, board.id(), Verdict.OK, "in the firmware");
        }
        List<String> why = new ArrayList<>(List.of("not in the firmware's " + modules.size() + " modules"));
        if (modules.contains("u" + name)) {
            why.add("it has u" + name + ": import u" + name + " as " + name);
        }
        Optional<String> own = app.module(name);
        own.ifPresent(p -> why.add(p.endsWith("__init__.py")
                ? "the app's own package " + p.substring(0, p.length() - "__init__.py".length()) + " can be uploaded"
                : "the app's own " + p + " can be uploaded (benchrig upload " + board.id() + " " + p + ")"));
        if (d.optional()) {
            why.add("optional: imported inside try/except ImportError");
        }
        return new Finding(d.name(), d.origin(), d.optional(), board.id(), Verdict.MISSING, null, null, null,
                own.orElse(null), String.join("; ", why));
    }

    /** From the cache when the firmware is known; else the board is opened and asked. */
    private ModuleList modules() {
        String key = null;
        if (board.firmware() != null && Files.isRegularFile(board.firmware())) {
            key = "firmware-" + Hashes.sha256(board.firmware());
            Optional<ModuleList> hit = cache.get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        Deadline deadline = Deadline.in(BOARD_WAIT);
        Board b = rig.board(board.id());
        BoardInfo info = b.info(deadline);
        if (key == null) {
            key = "reported-" + Hashes.sha256((info.implementation() + "|" + info.version() + "|" + info.machine()
                    + "|" + info.platform()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Optional<ModuleList> hit = cache.get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        List<String> names = HelpModules.parse(b.execOwn(HelpModules.SCRIPT, deadline).stdoutOrThrow());
        ModuleList list = new ModuleList(board.id(), key, info.implementation(), info.version(), info.machine(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), names);
        cache.put(list);
        return list;
    }
}
