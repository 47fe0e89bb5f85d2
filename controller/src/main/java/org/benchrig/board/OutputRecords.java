package org.benchrig.board;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked output of one framed exec (the board side is {@code _bx.py}): records
 * {@code @BX|n=NONCE|i=SEQ|len=BYTES|TEXT|c=ADLER32|@} carrying what the program printed, and a last
 * record {@code @BX|n=NONCE|end=COUNT|st=STATUS|x=EXCEPTION|c=ADLER32|@}. Each checksum is the
 * Adler-32 of the record from its '@' through the '|' before {@code c=}. Only records with this
 * call's nonce and a matching checksum count; anything else on the line (noise, output not written
 * by print(), records of another call) is left out and counted.
 *
 * @param text         the program's output, when every record up to the end record arrived intact
 * @param end          the end record, when it arrived intact
 * @param damaged      records with this nonce that failed their checksum or framing
 * @param ignoredBytes non-blank bytes outside this call's intact records
 * @param refusedElsewhere an intact end record with another nonce said "damaged": the call's nonce
 *                     itself was damaged on the way and the board refused to run it
 */
public record OutputRecords(Optional<String> text, Optional<End> end, int damaged, int ignoredBytes,
                            boolean refusedElsewhere) {

    /** The end record: how many output records came before it, how the program ended, its exception. */
    public record End(int records, String status, String exception) {
        public boolean ran() {
            return !status.equals("damaged");
        }
    }

    private static final Pattern OUT_HEAD = Pattern.compile("i=(\\d{1,6})\\|len=(\\d{1,7})\\|");
    private static final Pattern END = Pattern.compile("end=(\\d{1,6})\\|st=(ok|raised|damaged)\\|x=([^|\\n]*)\\|");
    private static final Pattern CHECK = Pattern.compile("c=([0-9a-f]{8})\\|@");

    /** Parses the stdout of a framed exec (with the link's {@code \r\n} already turned into {@code \n}). */
    public static OutputRecords parse(String stdout, String nonce) {
        byte[] b = stdout.getBytes(StandardCharsets.UTF_8);
        String latin = new String(b, StandardCharsets.ISO_8859_1); // one char per byte, for offsets
        String start = "@BX|n=";
        TreeMap<Integer, String> out = new TreeMap<>();
        End end = null;
        int damaged = 0;
        boolean refused = false;
        boolean[] used = new boolean[b.length];
        int from = 0;
        while (true) {
            int at = latin.indexOf(start, from);
            if (at < 0) {
                break;
            }
            int bar = latin.indexOf('|', at + start.length());
            if (bar < 0 || bar - at > 40) {
                damaged++;
                from = at + start.length();
                continue;
            }
            boolean ours = latin.substring(at + start.length(), bar).equals(nonce);
            int p = bar + 1;
            Matcher head = OUT_HEAD.matcher(latin).region(p, latin.length());
            Matcher tail = END.matcher(latin).region(p, latin.length());
            int bodyEnd = -1;
            String seqText = null;
            int seq = -1;
            End e = null;
            if (head.lookingAt()) {
                int len = Integer.parseInt(head.group(2));
                int textStart = head.end();
                if (textStart + len + 1 <= latin.length() && latin.charAt(textStart + len) == '|') {
                    bodyEnd = textStart + len + 1;
                    seq = Integer.parseInt(head.group(1));
                    seqText = new String(b, textStart, len, StandardCharsets.UTF_8);
                }
            } else if (tail.lookingAt()) {
                bodyEnd = tail.end();
                e = new End(Integer.parseInt(tail.group(1)), tail.group(2), tail.group(3).strip());
            }
            Matcher check = bodyEnd < 0 ? null : CHECK.matcher(latin).region(bodyEnd, latin.length());
            if (check == null || !check.lookingAt()
                    || Long.parseLong(check.group(1), 16) != adler32(b, at, bodyEnd)) {
                damaged++;
                from = p;
                continue;
            }
            int recordEnd = check.end();
            if (recordEnd < latin.length() && latin.charAt(recordEnd) == '\n') {
                recordEnd++; // the print() that sent the record ends it with a newline
            }
            for (int i = at; i < recordEnd; i++) {
                used[i] = true;
            }
            if (!ours) {
                refused |= e != null && !e.ran(); // a damaged nonce: the board refused the call, nothing ran
            } else if (e != null) {
                end = end == null ? e : end;
            } else {
                out.putIfAbsent(seq, seqText);
            }
            from = recordEnd;
        }
        int ignored = 0;
        for (int i = 0; i < b.length; i++) {
            if (!used[i] && !Character.isWhitespace(latin.charAt(i))) {
                ignored++;
            }
        }
        Optional<String> text = Optional.empty();
        if (end != null && out.keySet().equals(new java.util.TreeSet<>(java.util.stream.IntStream
                .range(0, end.records()).boxed().toList()))) {
            text = Optional.of(String.join("", out.values()));
        }
        return new OutputRecords(text, Optional.ofNullable(end), damaged, ignored, refused);
    }

    static long adler32(byte[] b, int from, int to) {
        java.util.zip.Adler32 a = new java.util.zip.Adler32();
        a.update(b, from, to - from);
        return a.getValue();
    }

    /** The board verifiably did not run the call: its checksum of the source (and nonce) failed. */
    public boolean refused() {
        return end.map(e -> !e.ran()).orElse(refusedElsewhere);
    }

    /** True when the output is complete and intact: the end record and every record before it. */
    public boolean intact() {
        return text.isPresent() && end.isPresent();
    }
}
