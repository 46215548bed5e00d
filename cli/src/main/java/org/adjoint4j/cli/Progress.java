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

    /** Ends the progress line, if one was shown. */
    static void done(PrintWriter err) {
        if (System.console() != null) {
            err.println();
        }
    }
}
