package org.adjoint4j.checkpointing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact text notation of schedules, written and read: actions separated by single spaces,
 * e.g. the optimal schedule for N = 10, s = 2:
 * <pre>
 * S0@0 A0-&gt;6 S1@6 A6-&gt;9 F9 R1@6 A6-&gt;8 Y8 R1@6 A6-&gt;7 Y7 R1@6 Y6 R0@0 A0-&gt;3 S1@3 A3-&gt;5 Y5 R1@3 A3-&gt;4 Y4
 * R1@3 Y3 R0@0 A0-&gt;1 S1@1 A1-&gt;2 Y2 R1@1 Y1 R0@0 Y0 T
 * </pre>
 * (one line; the token grammar is in {@link CheckpointAction}).
 */
public final class ScheduleText {

    private static final Pattern TOKEN = Pattern.compile(
            "A(\\d+)->(\\d+)|W(\\d+)->(\\d+)|(S|Sd|R|Rd)(\\d+)@(\\d+)|([FYB])(\\d+)|T");

    private ScheduleText() {
    }

    /**
     * Writes the actions, space separated, to {@code out} as they are generated (so long schedules
     * stream without being held in memory).
     *
     * @param actions the actions (not modified)
     * @param out where to write (modified)
     */
    public static void write(Iterable<? extends CheckpointAction> actions, Appendable out) {
        try {
            boolean first = true;
            for (CheckpointAction action : actions) {
                if (!first) {
                    out.append(' ');
                }
                out.append(action.text());
                first = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of the actions, space separated.
     *
     * @param actions the actions (not modified)
     * @return e.g. {@code S0@0 A0->1 F1 R0@0 Y0 T}
     */
    public static String format(Iterable<? extends CheckpointAction> actions) {
        StringBuilder sb = new StringBuilder();
        write(actions, sb);
        return sb.toString();
    }

    /**
     * Reads actions from text, separated by white space.
     *
     * @param text e.g. {@code S0@0 A0->1 F1 R0@0 Y0 T}
     * @return the actions in order
     * @throws IllegalArgumentException naming the unreadable token and its character position
     */
    public static List<CheckpointAction> parse(String text) {
        List<CheckpointAction> actions = new ArrayList<>();
        Matcher token = Pattern.compile("\\S+").matcher(text);
        while (token.find()) {
            String t = token.group();
            Matcher m = TOKEN.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("unreadable schedule action '" + t + "' at position "
                        + (token.start() + 1) + " (expected A<i>-><j>, W<i>-><j>, S<k>@<i>, Sd<k>@<i>, R<k>@<i>, "
                        + "Rd<k>@<i>, F<i>, Y<i>, B<i> or T)");
            }
            try {
                actions.add(toAction(m));
            } catch (IllegalArgumentException e) { // numbers out of range or an empty interval
                throw new IllegalArgumentException("invalid schedule action '" + t + "' at position "
                        + (token.start() + 1) + ": " + e.getMessage(), e);
            }
        }
        return actions;
    }

    private static CheckpointAction toAction(Matcher m) {
        if (m.group(1) != null) {
            return new CheckpointAction.Advance(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            return new CheckpointAction.Record(Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
        }
        if (m.group(5) != null) {
            int slot = Integer.parseInt(m.group(6));
            long step = Long.parseLong(m.group(7));
            switch (m.group(5)) {
                case "S":
                    return new CheckpointAction.Takeshot(slot, step, Storage.RAM);
                case "Sd":
                    return new CheckpointAction.Takeshot(slot, step, Storage.DISK);
                case "R":
                    return new CheckpointAction.Restore(slot, step, Storage.RAM);
                default:
                    return new CheckpointAction.Restore(slot, step, Storage.DISK);
            }
        }
        if (m.group(8) != null) {
            long step = Long.parseLong(m.group(9));
            switch (m.group(8)) {
                case "F":
                    return new CheckpointAction.FirstTurn(step);
                case "Y":
                    return new CheckpointAction.YouTurn(step);
                default:
                    return new CheckpointAction.Reverse(step);
            }
        }
        return CheckpointAction.Terminate.INSTANCE;
    }
}
