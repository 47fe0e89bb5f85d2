package org.benchrig.board;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's own small scripts as a board receives them: wrapped in a call that checks their
 * Adler-32 on the board before running them (a dropped byte never runs as other code), sent again
 * gentler when they arrive damaged, and the info probe, whose answer is a checksummed line.
 */
final class OwnScripts {
    /** Prints version, machine, heap and filesystem use as one line with its Adler-32. */
    static final String INFO = String.join("\n",
            "import gc,os,sys",
            "gc.collect()",
            "u=os.uname();v=sys.implementation.version;s=0",
            "for n in os.listdir():",
            " try:s+=os.size(n)",
            " except:s+=os.stat(n)[6]",
            "try:",
            " t=os.statvfs('/');f=t[0]*t[3]",
            "except:f=-1",
            "l='@I|%s|%d.%d.%d|%s|%s|%d|%d|%d|%d|'%(sys.implementation.name,v[0],v[1],v[2],u.machine,"
                    + "sys.platform,gc.mem_free(),gc.mem_alloc(),s,f)",
            "a=1;b=0",
            "for x in bytes(l,'utf8'):a=(a+x)%65521;b=(b+a)%65521",
            "print(l+'%08x|'%(b*65536+a))",
            "");
    /** Printed by {@link #verifiedCall} when the script it carries failed its checksum on the board (nothing ran). */
    private static final String DAMAGED_MARK = "@OWN-DAMAGED@";
    private static final Pattern INFO_LINE =
            Pattern.compile("(@I\\|[^\\n]*\\|)([0-9a-f]{8})\\|");

    private OwnScripts() {
    }

    /** {@code source} as a literal, run by {@code exec} only when the board's Adler-32 of it matches. */
    static String verifiedCall(String source) {
        long c = VerifiedUpload.adler32(source.getBytes(StandardCharsets.UTF_8));
        return "s=" + PyLiteral.str(source) + "\na=1;b=0\n"
                + "for x in bytes(s,'utf8'):a=(a+x)%65521;b=(b+a)%65521\n"
                + "if b*65536+a!=" + c + ":print('" + DAMAGED_MARK + "')\nelse:exec(s,{})";
    }

    /**
     * Sends {@code source} inside its {@link #verifiedCall} through {@code exec} until it arrives
     * whole, at most {@code attempts} times, each re-send gentler than the one before ({@code sends});
     * then a {@link DamagedLink} that names the pacings tried.
     */
    static ExecResult send(String boardId, String source, GentlerResends sends, int attempts,
                           Function<String, ExecResult> exec) {
        String call = verifiedCall(source);
        for (int attempt = 1; ; attempt++) {
            ExecResult r = exec.apply(call);
            if (!damaged(r)) {
                return r;
            }
            if (attempt >= attempts) {
                throw new DamagedLink("board " + boardId + " received the controller's script damaged " + attempt
                        + " times in a row (" + sends.tried() + ")",
                        Transcript.printable(r.stdout().getBytes(StandardCharsets.UTF_8), 200));
            }
            sends.gentler();
        }
    }

    /**
     * Whether the call arrived damaged: the checksum failed (nothing ran), or an exception hit the
     * wrapper rather than the script. Our scripts do not raise by themselves.
     */
    static boolean damaged(ExecResult r) {
        if (r.stdout().contains(DAMAGED_MARK)) {
            return true;
        }
        // raised by the verified script itself: a frame of the exec'd "<string>"; anything else hit the wrapper
        return r.error().map(e -> e.traceback().stream().noneMatch(l -> l.contains("File \"<string>\""))).orElse(false);
    }

    /** The board's info from the probe's output; empty when its line is missing or damaged. */
    static Optional<BoardInfo> info(String out) {
        Matcher m = INFO_LINE.matcher(out);
        if (!m.find() || VerifiedUpload.adler32(m.group(1).getBytes(StandardCharsets.UTF_8)) != Long.parseLong(m.group(2), 16)) {
            return Optional.empty();
        }
        String[] f = m.group(1).substring(3).split("\\|");
        return Optional.of(new BoardInfo(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[6]), Long.parseLong(f[7])));
    }
}
