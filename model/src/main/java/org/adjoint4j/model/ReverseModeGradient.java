package org.adjoint4j.model;

import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeVariable;

/** The gradient of a {@link StateFunction} by one reverse sweep of a per-thread {@link Tape}. */
final class ReverseModeGradient {

    private static final ThreadLocal<Tape> TAPE = ThreadLocal.withInitial(Tape::new);

    private ReverseModeGradient() {
    }

    static void of(StateFunction g, double t, double[] y, double[] p, double[] gy, double[] gp) {
        Tape tape = TAPE.get();
        tape.reset();
        TapeVariable[] yy = new TapeVariable[y.length];
        TapeVariable[] pp = new TapeVariable[p.length];
        for (int i = 0; i < y.length; i++) {
            yy[i] = tape.variable(y[i]);
        }
        for (int j = 0; j < p.length; j++) {
            pp[j] = tape.variable(p[j]);
        }
        TapeVariable value = g.value(tape.constant(t), yy, pp);
        tape.clearAdjoints();
        tape.seed(value, 1.0);
        tape.sweep();
        for (int i = 0; i < y.length; i++) {
            gy[i] = tape.adjoint(yy[i]);
        }
        for (int j = 0; j < p.length; j++) {
            gp[j] = tape.adjoint(pp[j]);
        }
    }
}
