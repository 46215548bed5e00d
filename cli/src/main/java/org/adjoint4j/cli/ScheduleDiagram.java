package org.adjoint4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.adjoint4j.checkpointing.ActionSink;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.ScheduleCounts;
import org.adjoint4j.checkpointing.Storage;

/**
 * Draws a schedule as a step/time diagram in SVG, the classic revolve picture: the horizontal axis
 * is the step index, time runs downward in units of one step. Advances are blue diagonals
 * going right, taped steps orange, reversals red diagonals going left, snapshots dots (RAM) or
 * squares (disk) labelled with their slot, restores dashed jumps back.
 */
final class ScheduleDiagram {

    /** Largest N drawn: beyond it the picture is a blur and the file large. */
    static final long MAX_STEPS = 2000;

    private static final double WIDTH = 900;
    private static final double MARGIN_LEFT = 70;
    private static final double MARGIN_TOP = 70;
    private static final double MARGIN = 30;
    private static final String[] SLOT_COLORS = {"#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
        "#666666", "#d95f02"};

    private final CheckpointSchedule schedule;

    ScheduleDiagram(CheckpointSchedule schedule) {
        if (schedule.steps() > MAX_STEPS) {
            throw new IllegalArgumentException("--format svg draws at most " + MAX_STEPS + " steps, got --steps "
                    + schedule.steps() + "; use --format json or text for larger N");
        }
        this.schedule = schedule;
    }

    void write(Writer out) throws IOException {
        ScheduleCounts counts = schedule.counts();
        long n = Math.max(1, schedule.steps());
        // Time: one unit per forward step and one per reversal.
        double totalTime = Math.max(1, counts.forwardSteps() + counts.steps());
        double dx = WIDTH / n;
        double dy = Math.max(0.05, Math.min(14, 1400 / totalTime));
        double height = totalTime * dy;
        Canvas c = new Canvas(out, dx, dy);
        out.write(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n", MARGIN_LEFT + WIDTH + MARGIN, MARGIN_TOP + height + MARGIN + 30));
        out.write("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.write(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"20\" font-size=\"14\">%s: %d advances, %d taped steps, "
                        + "%d takeshots, %d restores, peak %d slots</text>%n", MARGIN_LEFT, escape(schedule.toString()),
                counts.advances(), counts.tapedSteps(), counts.takeshots(), counts.restores(), counts.peakSlots()));
        out.write(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"38\" fill=\"#555\">step index &#8594;   "
                + "<tspan fill=\"#1f78b4\">advance</tspan>  <tspan fill=\"#ff7f00\">taped step</tspan>  "
                + "<tspan fill=\"#e31a1c\">reversal</tspan>  &#9679; RAM snapshot  &#9632; disk snapshot  "
                + "dashed: restore; time runs down</text>%n", MARGIN_LEFT));
        axes(out, n, height, dx);
        try {
            schedule.execute(new Drawing(c));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.write("</svg>\n");
    }

    private static void axes(Writer out, long n, double height, double dx) throws IOException {
        out.write(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#ccc\"/>%n", MARGIN_LEFT, MARGIN_TOP, WIDTH, height));
        long tick = Math.max(1, niceTick(n));
        for (long i = 0; i <= n; i += tick) {
            double x = MARGIN_LEFT + i * dx;
            out.write(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%d</text>%n",
                    x, MARGIN_TOP, x, MARGIN_TOP + height, x, MARGIN_TOP - 6, i));
        }
    }

    private static long niceTick(long n) {
        long[] steps = {1, 2, 5};
        long scale = 1;
        while (true) {
            for (long s : steps) {
                if (n / (s * scale) <= 20) {
                    return s * scale;
                }
            }
            scale *= 10;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Coordinates in steps and time units, turned into pixels. */
    /** Draws each action where the working state is, time running down: the one interpreter of a schedule. */
    private static final class Drawing implements ActionSink {
        private final Canvas c;
        private double time;
        private long position;

        Drawing(Canvas c) {
            this.c = c;
        }

        private void line(double x1, double t1, double x2, double t2, String color, double width, boolean dashed) {
            try {
                c.line(x1, t1, x2, t2, color, width, dashed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void advance(long from, long to) {
            line(from, time, to, time + (to - from), "#1f78b4", 1.5, false);
            time += to - from;
            position = to;
        }

        @Override
        public void record(long from, long to) {
            line(from, time, to, time + (to - from), "#ff7f00", 2.5, false);
            time += to - from;
            position = to;
        }

        @Override
        public void firstTurn(long step) {
            turn(step);
        }

        @Override
        public void youTurn(long step) {
            turn(step);
        }

        private void turn(long k) {
            line(k, time, k + 1, time + 1, "#ff7f00", 2.5, false);
            line(k + 1, time + 1, k, time + 2, "#e31a1c", 2.5, false);
            time += 2;
            position = k;
        }

        @Override
        public void reverse(long k) {
            line(k + 1, time, k, time + 1, "#e31a1c", 2.5, false);
            time += 1;
            position = k;
        }

        @Override
        public void takeshot(int slot, long step, Storage storage) {
            try {
                c.snapshot(step, time, slot, storage);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void restore(int slot, long step, Storage storage) {
            line(position, time, step, time, "#999999", 1, true);
            position = step;
        }

        @Override
        public void terminate() {
            // nothing to draw
        }
    }

    private static final class Canvas {
        private final Writer out;
        private final double dx;
        private final double dy;

        Canvas(Writer out, double dx, double dy) {
            this.out = out;
            this.dx = dx;
            this.dy = dy;
        }

        void line(double x1, double t1, double x2, double t2, String color, double width, boolean dashed)
                throws IOException {
            out.write(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                    + "stroke-width=\"%.1f\"%s/>%n", px(x1), py(t1), px(x2), py(t2), color, width,
                    dashed ? " stroke-dasharray=\"3,3\"" : ""));
        }

        void snapshot(long step, double time, int slot, Storage storage) throws IOException {
            String color = SLOT_COLORS[slot % SLOT_COLORS.length];
            double r = Math.max(2.5, Math.min(5, dx / 3));
            if (storage == Storage.DISK) {
                out.write(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        + "fill=\"%s\"><title>disk slot %d holds x_%d</title></rect>%n",
                        px(step) - r, py(time) - r, 2 * r, 2 * r, color, slot, step));
            } else {
                out.write(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\">"
                        + "<title>slot %d holds x_%d</title></circle>%n", px(step), py(time), r, color, slot, step));
            }
        }

        private double px(double step) {
            return MARGIN_LEFT + step * dx;
        }

        private double py(double time) {
            return MARGIN_TOP + time * dy;
        }
    }
}
