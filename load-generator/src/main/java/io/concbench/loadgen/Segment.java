package io.concbench.loadgen;

/**
 * Which share of a run one load agent drives: the {@code index}-th of {@code count}
 * ({@code --segment i/N}). Connection {@code j} of the whole run (0..c-1) belongs to segment
 * {@code j mod N}; every connection keeps its run-wide number, so its connect time and open-loop
 * phase are those it would have in one client and the union of the N agents' schedules is exactly
 * the single client's evenly spaced stream, interleaved (when N divides c, agent i sends the
 * aggregate stream's requests i, i+N, i+2N, ...). Closed loop: {@code -n} splits the same way.
 *
 * @param index 0..count-1
 * @param count agents in the run, at least 1
 */
public record Segment(int index, int count) {

    /** The whole run: one client. */
    public static final Segment WHOLE = new Segment(0, 1);

    public Segment {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--segment " + index + "/" + count
                    + " is not a share: give i/N with N at least 1 and i from 0 to N-1, e.g. 0/4");
        }
    }

    /** {@code "i/N"}; a user error names the option. */
    public static Segment parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Segment(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the one message
        }
        throw new IllegalArgumentException("--segment '" + text + "' is not i/N; give e.g. 0/4 for the first of four agents");
    }

    public boolean whole() {
        return count == 1;
    }

    /** This segment's part of {@code total} items dealt round-robin: {@code total/N}, plus one for the first {@code total mod N}. */
    public long shareOf(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /** The run-wide numbers of this segment's connections out of {@code total}, ascending. */
    public int[] connectionsOf(int total) {
        int[] idx = new int[(int) shareOf(total)];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = index + k * count;
        }
        return idx;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
