package org.adjoint4j.autodiff;

import org.hipparchus.Field;

/**
 * The field of one tape's variables. Its zero and one are constants outside the tape (they carry
 * no derivative and may be shared across evaluations).
 */
public final class TapeField implements Field<TapeVariable> {

    private final Tape tape;
    private final TapeVariable zero;
    private final TapeVariable one;

    TapeField(Tape tape) {
        this.tape = tape;
        this.zero = new TapeVariable(tape, -1, 0.0);
        this.one = new TapeVariable(tape, -1, 1.0);
    }

    /** @return the tape */
    public Tape tape() {
        return tape;
    }

    @Override
    public TapeVariable getZero() {
        return zero;
    }

    @Override
    public TapeVariable getOne() {
        return one;
    }

    @Override
    public Class<TapeVariable> getRuntimeClass() {
        return TapeVariable.class;
    }
}
