package org.adjoint4j.cli;

import java.io.PrintWriter;
import org.adjoint4j.estimation.optimize.Lbfgs;

/**
 * Progress of an iterative run on standard error: one line rewritten in place on a terminal
 * (iteration and objective), nothing when the output is not a terminal (logs stay clean).
 */
final class Progress {

    private Progress() {
    }

    /**
     * @param err standard error
     * @param what the run's name
     * @return a listener that shows each iteration, or null when not on a terminal
     */
    static Lbfgs.Listener of(PrintWriter err, String what) {
        if (System.console() == null) {
            return null;
        }
        long start = System.nanoTime();
        return (iteration, value, gradientNorm) -> {
            err.printf("\r%s: iteration %d, objective %.8g%s, %.1f s   ", what, iteration, value,
                    Double.isNaN(gradientNorm) ? "" : String.format(", |gradient| %.3g", gradientNorm),
                    (System.nanoTime() - start) * 1e-9);
            err.flush();
        };
    }

    /**
     * @param err standard error
     * @return a gradient progress line (forward solve, then backward sweep), or null when not on a
     *         terminal
     */
    static org.adjoint4j.adjoint.ProgressListener ofGradient(PrintWriter err) {
        if (System.console() == null) {
            return null;
        }
        long start = System.nanoTime();
        return (phase, fraction) -> {
            err.printf("\rgradient: %s %3.0f%%, %.1f s   ", phase, 100 * fraction, (System.nanoTime() - start) * 1e-9);
            err.flush();
        };
    }

    /**
     * Shows what a step that may take a while is doing, on a terminal; null clears the line.
     *
     * @param what the step, or null when it is over
     */
    static void phase(String what) {
        java.io.Console console = System.console();
        if (console != null) {
            java.io.PrintWriter w = console.writer();
            w.print(what == null ? "\r\033[K" : "\r" + what + " ...");
            w.flush();
        }
    }

    /**
     * A fit's progress: its iterations, and within an iteration the forward and backward sweeps of
     * the solve under way (a trial point of a large model can take long).
     *
     * @param err standard error
     * @return the two listeners, or null when not on a terminal
     */
    static Fit ofFit(PrintWriter err) {
        if (System.console() == null) {
            return null;
        }
        return new Fit(err, System.nanoTime());
    }

    /** The iteration line of a fit with the phase of its current solve. */
    static final class Fit implements Lbfgs.Listener, org.adjoint4j.adjoint.ProgressListener {
        private final PrintWriter err;
        private final long start;
        private volatile String iteration = "starting";

        private Fit(PrintWriter err, long start) {
            this.err = err;
            this.start = start;
        }

        @Override
        public void iteration(int k, double value, double gradientNorm) {
            iteration = String.format("iteration %d, objective %.8g%s", k, value,
                    Double.isNaN(gradientNorm) ? "" : String.format(", |gradient| %.3g", gradientNorm));
            show("");
        }

        @Override
        public void progress(String phase, double fraction) {
            show(String.format(", solving: %s %3.0f%%", phase, 100 * fraction));
        }

        private synchronized void show(String solve) {
            err.printf("\rfit: %s%s, %.1f s   ", iteration, solve, (System.nanoTime() - start) * 1e-9);
            err.flush();
        }
    }

    /** Ends the progress line, if one was shown. */
    static void done(PrintWriter err) {
        if (System.console() != null) {
            err.println();
        }
    }
}
