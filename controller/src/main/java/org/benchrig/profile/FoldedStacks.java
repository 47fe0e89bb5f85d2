package org.benchrig.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sampled stacks in Brendan Gregg's folded format ({@code flamegraph.pl} input): one
 * {@code root;caller;leaf WEIGHT} line per distinct stack, root first, weight in microseconds.
 * Leaves {@code [built-in] NAME} and {@code [waiting] NAME} mark time in a built-in called from the
 * frame below and time waiting in one (see firmware-scripts/harness/sampler.py).
 */
public record FoldedStacks(List<Stack> stacks) {
    public static final String BUILTIN = "[built-in] ";
    public static final String WAITING = "[waiting] ";

    /** One stack, root first, and its weight in microseconds. */
    public record Stack(List<String> frames, long weightUs) {
        public Stack {
            frames = List.copyOf(frames);
        }

        public String leaf() {
            return frames.isEmpty() ? "" : frames.get(frames.size() - 1);
        }
    }

    public FoldedStacks {
        stacks = List.copyOf(stacks);
    }

    /**
     * Parses folded text; a line that is not {@code frames WEIGHT} fails with
     * {@code SOURCE:LINE: expected 'frame;frame;... WEIGHT' ...}.
     */
    public static FoldedStacks parse(String text, String source) {
        List<Stack> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            long w = -1;
            try {
                w = sp > 0 ? Long.parseLong(line.substring(sp + 1)) : -1;
            } catch (NumberFormatException e) {
                w = -1;
            }
            if (w < 0) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                        + ": expected 'frame;frame;... WEIGHT' (a whole number >= 0 after the last space), got: "
                        + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
            }
            out.add(new Stack(Arrays.asList(line.substring(0, sp).split(";", -1)), w));
        }
        return new FoldedStacks(out);
    }

    /** The folded text, one line per stack. */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (Stack st : stacks) {
            s.append(String.join(";", st.frames())).append(' ').append(st.weightUs()).append('\n');
        }
        return s.toString();
    }

    public long totalUs() {
        return stacks.stream().mapToLong(Stack::weightUs).sum();
    }
}
