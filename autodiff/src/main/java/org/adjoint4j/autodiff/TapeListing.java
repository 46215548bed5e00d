package org.adjoint4j.autodiff;

/**
 * A tape as a worked example: each node's operation written with its parents, e.g.
 * {@code v3 = v0 * v2}, {@code v2 = sin(v1)}, {@code v5 = v4 ^ 2}.
 */
public final class TapeListing {

    private TapeListing() {
    }

    /**
     * @param tape a tape
     * @param i a node index
     * @return its operation, e.g. {@code v0 * v2}, {@code sin(v1)}, {@code x (input)}, {@code 0.5}
     */
    public static String operation(Tape tape, int i) {
        TapeOperation op = tape.operation(i);
        String a = ref(tape.left(i));
        String b = ref(tape.right(i));
        double c = tape.constantOperand(i);
        switch (op) {
            case INPUT:
                return (tape.name(i) == null ? "input" : tape.name(i)) + " (input)";
            case CONSTANT:
                return number(tape.value(i));
            case ADD:
            case SUBTRACT:
            case MULTIPLY:
            case DIVIDE:
                return a + " " + op.symbol() + " " + b;
            case NEGATE:
                return "-" + a;
            case ADD_CONSTANT:
                return c < 0 ? a + " - " + number(-c) : a + " + " + number(c);
            case SCALE:
                return a + " * " + number(c);
            case POW_CONSTANT:
                return a + " ^ " + number(c);
            case POW:
                return a + " ^ " + b;
            case ROOT:
                return "root(" + a + ", " + number(c) + ")";
            case SCALB:
                return "scalb(" + a + ", " + number(c) + ")";
            default:
                return op.symbol() + "(" + a + (tape.right(i) >= 0 || isBinary(op) ? ", " + b : "") + ")";
        }
    }

    private static boolean isBinary(TapeOperation op) {
        return op == TapeOperation.ATAN2 || op == TapeOperation.HYPOT || op == TapeOperation.MAX
                || op == TapeOperation.MIN || op == TapeOperation.COPY_SIGN || op == TapeOperation.REMAINDER;
    }

    private static String ref(int node) {
        return node < 0 ? "c" : "v" + node;
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }
}
