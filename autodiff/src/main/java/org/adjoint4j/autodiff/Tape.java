package org.adjoint4j.autodiff;

import java.util.Arrays;

/**
 * A reverse-mode tape (Wengert list): each recorded operation is a node with its value, at most two
 * parents and the local partials with respect to them, in parallel primitive arrays.
 *
 * <pre>
 *   forward:   v_i = phi_i(v_left, v_right)   recorded with  d_left = d phi_i/d v_left,  d_right = ...
 *   backward:  vbar_left += vbar_i d_left,   vbar_right += vbar_i d_right,   for i = last .. first
 * </pre>
 * A tape is reused: {@link #reset()} forgets the nodes but keeps the arrays and the variable
 * objects, which are pooled by node index, so an evaluation on a warm tape allocates nothing.
 * Variables are therefore valid only until the next reset. Not thread-safe: one tape per thread.
 */
public final class Tape {

    private final TapeField field = new TapeField(this);
    /** Per node i: value, partial to the left parent, partial to the right one, constant operand. */
    private double[] data;
    /** Per node i: left parent, right parent (-1 for none). */
    private int[] links;
    private byte[] operation;
    private double[] adjoint;
    private TapeVariable[] pool;
    private String[] names;
    private int size;
    /** Whether any node since the last reset has a name (names are rare; skip clearing them). */
    private boolean named;

    /** A tape with room for 256 operations; it grows as needed. */
    public Tape() {
        this(256);
    }

    /** @param capacity initial number of operations held without growing */
    public Tape(int capacity) {
        int c = Math.max(16, capacity);
        data = new double[4 * c];
        links = new int[2 * c];
        operation = new byte[c];
        adjoint = new double[c];
        pool = new TapeVariable[c];
        names = new String[c];
    }

    /** Forgets every node; arrays and pooled variables are kept. */
    public void reset() {
        if (named) {
            Arrays.fill(names, 0, size, null);
            named = false;
        }
        size = 0;
    }

    /** @return the field of this tape's variables */
    public TapeField field() {
        return field;
    }

    /** @return the number of nodes recorded */
    public int size() {
        return size;
    }

    /**
     * A new independent variable.
     *
     * @param x its value
     * @return the variable
     */
    public TapeVariable variable(double x) {
        return variable(null, x);
    }

    /**
     * A new named independent variable (the name shows in a printed tape).
     *
     * @param name its name, or null
     * @param x its value
     * @return the variable
     */
    public TapeVariable variable(String name, double x) {
        TapeVariable v = record(TapeOperation.INPUT, x, -1, 0, -1, 0);
        if (name != null) {
            names[v.index] = name;
            named = true;
        }
        return v;
    }

    /**
     * A constant recorded as a node without parents.
     *
     * @param x its value
     * @return the constant
     */
    public TapeVariable constant(double x) {
        return record(TapeOperation.CONSTANT, x, -1, 0, -1, 0);
    }

    /** Records a node; parents are node indices or -1. */
    TapeVariable record(TapeOperation op, double v, int a, double da, int b, double db) {
        return record(op, v, a, da, b, db, 0.0);
    }

    /** Records a node with the constant operand of {@code +c}, {@code *c}, {@code ^p}, {@code scalb}. */
    TapeVariable record(TapeOperation op, double v, int a, double da, int b, double db, double c) {
        if (size == operation.length) {
            grow();
        }
        int i = size++;
        double[] d = data;
        int k = 4 * i;
        d[k] = v;
        d[k + 1] = da;
        d[k + 2] = db;
        d[k + 3] = c;
        int[] l = links;
        l[2 * i] = a;
        l[2 * i + 1] = b;
        operation[i] = (byte) op.ordinal();
        TapeVariable var = pool[i];
        if (var == null) {
            var = new TapeVariable(this, i, v);
            pool[i] = var;
        } else {
            var.set(i, v);
        }
        return var;
    }

    private void grow() {
        int c = 2 * operation.length;
        data = Arrays.copyOf(data, 4 * c);
        links = Arrays.copyOf(links, 2 * c);
        operation = Arrays.copyOf(operation, c);
        adjoint = Arrays.copyOf(adjoint, c);
        pool = Arrays.copyOf(pool, c);
        names = Arrays.copyOf(names, c);
    }

    /** Sets every adjoint to zero, before seeding. */
    public void clearAdjoints() {
        Arrays.fill(adjoint, 0, size, 0.0);
    }

    /**
     * Adds to a node's adjoint (the seed of a sweep: 1 for a gradient, w_k for the k-th output of
     * a vector-Jacobian product). Constants of the field (not on the tape) are ignored.
     *
     * @param v a variable of this tape
     * @param seed the adjoint added
     */
    public void seed(TapeVariable v, double seed) {
        check(v);
        if (v.index >= 0) {
            adjoint[v.index] += seed;
        }
    }

    /** The backward sweep: pushes every adjoint to the parents, last node first. */
    public void sweep() {
        double[] adj = adjoint;
        double[] d = data;
        int[] l = links;
        for (int i = size - 1; i >= 0; i--) {
            double a = adj[i];
            if (a == 0.0) {
                continue;
            }
            int left = l[2 * i];
            if (left >= 0) {
                adj[left] += a * d[4 * i + 1];
            }
            int right = l[2 * i + 1];
            if (right >= 0) {
                adj[right] += a * d[4 * i + 2];
            }
        }
    }

    /**
     * @param v a variable of this tape
     * @return its adjoint after {@link #sweep()}: {@code d output / d v}
     */
    public double adjoint(TapeVariable v) {
        check(v);
        return v.index >= 0 ? adjoint[v.index] : 0.0;
    }

    /**
     * The gradient of one output: clear, seed 1, sweep, read.
     *
     * @param output the output
     * @param inputs the variables to differentiate with respect to
     * @return {@code d output / d inputs[i]}
     */
    public double[] gradient(TapeVariable output, TapeVariable... inputs) {
        clearAdjoints();
        seed(output, 1.0);
        sweep();
        double[] g = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            g[i] = adjoint(inputs[i]);
        }
        return g;
    }

    private void check(TapeVariable v) {
        if (v.tape != this) {
            throw new IllegalArgumentException("variable belongs to another tape");
        }
    }

    /**
     * @param i node index
     * @return its operation
     */
    public TapeOperation operation(int i) {
        return TapeOperation.values()[operation[i]];
    }

    /**
     * @param i node index
     * @return its value
     */
    public double value(int i) {
        return data[4 * i];
    }

    /**
     * @param i node index
     * @return its adjoint (after a sweep)
     */
    public double adjoint(int i) {
        return adjoint[i];
    }

    /**
     * @param i node index
     * @return its first parent, or -1
     */
    public int left(int i) {
        return links[2 * i];
    }

    /**
     * @param i node index
     * @return its second parent, or -1
     */
    public int right(int i) {
        return links[2 * i + 1];
    }

    /**
     * @param i node index
     * @return the local partial with respect to the first parent
     */
    public double leftPartial(int i) {
        return data[4 * i + 1];
    }

    /**
     * @param i node index
     * @return the local partial with respect to the second parent
     */
    public double rightPartial(int i) {
        return data[4 * i + 2];
    }

    /**
     * @param i node index
     * @return the constant operand of a {@code +c}, {@code *c}, {@code ^p} or {@code scalb} node
     */
    public double constantOperand(int i) {
        return data[4 * i + 3];
    }

    /**
     * @param i node index
     * @return the name of an input, or null
     */
    public String name(int i) {
        return names[i];
    }
}
