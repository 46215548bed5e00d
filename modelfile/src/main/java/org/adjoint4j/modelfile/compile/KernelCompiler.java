package org.adjoint4j.modelfile.compile;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.adjoint4j.modelfile.ir.Differentiation;
import org.adjoint4j.modelfile.ir.Graph;
import org.adjoint4j.modelfile.ir.Node;
import org.adjoint4j.modelfile.ir.Op;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles expression graphs to JVM bytecode with ASM: each node reached from the outputs becomes a
 * few instructions on local variables, in id order (arguments first), each output a store into its
 * array; there are no branches ({@code select} and comparisons call the {@link
 * org.adjoint4j.modelfile.ir.Semantics} helpers, which the JIT inlines). Code is made from the graph
 * alone: no name or text of a model file reaches the class, so no model file can make it run code.
 *
 * <p>A large graph is split into methods of at most {@value #CHUNK} nodes and about {@value #BYTES}
 * bytes of code (HotSpot compiles no method above 8000 bytes, and the JVM allows none above 64 KiB); a value one part computes and a later part uses passes through the work
 * array. Classes are defined as hidden classes of this package, unloaded with their kernel.
 */
public final class KernelCompiler {

    /** Most nodes per generated method. */
    static final int CHUNK = 1500;
    /**
     * Most bytes of code per generated method, by a pessimistic count: under HotSpot's 8000-byte
     * limit above which a method is never JIT-compiled ({@code -XX:+DontCompileHugeMethods}), far
     * under the JVM's 64 KiB.
     */
    static final int BYTES = 7_500;

    private static final String KERNEL = "org/adjoint4j/modelfile/compile/Kernel";
    private static final String SEMANTICS = "org/adjoint4j/modelfile/ir/Semantics";
    private static final String MATH = "java/lang/Math";
    private static final String RUN = "(D[D[D[D[D[D[D[D)V";
    /** Argument slots of a part: t (2), y, p, a, b, out0, out1, work; node values follow. */
    private static final int Y = 2;
    private static final int P = 3;
    private static final int A = 4;
    private static final int B = 5;
    private static final int OUT0 = 6;
    private static final int OUT1 = 7;
    private static final int WORK = 8;
    private static final int FIRST_LOCAL = 9;

    /**
     * Where an output goes: {@code out0[index]} or {@code out1[index]}.
     *
     * @param target 0 or 1
     * @param index the element
     * @param node the value
     */
    public record Output(int target, int index, Node node) {
    }

    /**
     * A compiled kernel with its work arrays (one per thread; where a kernel has more distinct
     * constants than a class file's constant pool should hold, they live in the work array too).
     */
    public static final class Compiled {
        private final Kernel kernel;
        private final int nodes;
        private final int parts;
        private final double[] prefilled;
        private final ThreadLocal<double[]> work;

        Compiled(Kernel kernel, int nodes, int parts, double[] prefilled) {
            this.kernel = kernel;
            this.nodes = nodes;
            this.parts = parts;
            this.prefilled = prefilled;
            this.work = ThreadLocal.withInitial(prefilled::clone);
        }

        /** @return the kernel */
        public Kernel kernel() {
            return kernel;
        }

        /** @return the nodes it computes */
        public int nodes() {
            return nodes;
        }

        /** @return the generated methods it is split into */
        public int parts() {
            return parts;
        }

        /** @return the length of its work array */
        public int workSize() {
            return prefilled.length;
        }

        /** @return this thread's work array */
        public double[] work() {
            return work.get();
        }
    }

    /** Part calls per dispatching method (12 bytes each). */
    static final int CALLS = 400;

    /** Writes per store-only part (about 20 bytes each, so under 8000 bytes). */
    static final int STORES = 350;

    /** Outputs of one node written where it is computed; more go through store-only parts. */
    static final int INLINE_WRITES = 4;

    /** Distinct constants above which they are read from the work array, not the constant pool. */
    static final int POOLED_CONSTANTS = 8000;

    private KernelCompiler() {
    }

    /**
     * @param graph the graph the outputs belong to
     * @param outputs the outputs
     * @return the compiled kernel
     */
    public static Compiled compile(Graph graph, List<Output> outputs) {
        List<Node> roots = new ArrayList<>();
        for (Output o : outputs) {
            roots.add(o.node());
        }
        List<Node> order = new Differentiation(graph).reachable(roots);
        Map<Node, List<Output>> writes = new HashMap<>();
        for (Output o : outputs) {
            writes.computeIfAbsent(o.node(), x -> new ArrayList<>()).add(o);
        }
        // A node written to many outputs (the zero of a gradient's independent components) is written
        // by store-only parts, through a work slot, so no part grows with the number of outputs.
        Map<Node, List<Output>> deferred = new HashMap<>();
        for (Map.Entry<Node, List<Output>> e : new ArrayList<>(writes.entrySet())) {
            if (e.getValue().size() > INLINE_WRITES) {
                deferred.put(e.getKey(), e.getValue());
                writes.remove(e.getKey());
            }
        }
        // Parts of at most CHUNK nodes and about BYTES bytes of code (a pessimistic count per node).
        int size = graph.size();
        int[] part = new int[size];
        int[] local = new int[size];
        List<Integer> starts = new ArrayList<>();
        int bytes = 0;
        int inPart = 0;
        for (int k = 0; k < order.size(); k++) {
            Node n = order.get(k);
            int cost = 4 + 16 * n.arity() + 12 + 16 * writes.getOrDefault(n, List.of()).size() + 20;
            if (starts.isEmpty() || inPart == CHUNK || bytes + cost > BYTES) {
                starts.add(k);
                bytes = 0;
                inPart = 0;
            }
            part[n.id()] = starts.size() - 1;
            local[n.id()] = FIRST_LOCAL + 2 * inPart;
            bytes += cost;
            inPart++;
        }
        if (starts.isEmpty()) {
            starts.add(0);
        }
        int parts = starts.size();
        starts.add(order.size());
        // A value used by a later part passes through the work array; so do constants, when there are
        // too many for the class file's constant pool (65535 entries, two per double).
        int[] slot = new int[size];
        java.util.Arrays.fill(slot, -1);
        int slots = 0;
        long constants = order.stream().filter(Node::isConstant).count();
        List<Double> prefill = new ArrayList<>();
        if (constants > POOLED_CONSTANTS) {
            for (Node n : order) {
                if (n.isConstant()) {
                    slot[n.id()] = slots++;
                    prefill.add(n.value());
                }
            }
        }
        for (Node n : order) {
            for (int k = 0; k < n.arity(); k++) {
                Node arg = n.argument(k);
                if (part[arg.id()] < part[n.id()] && slot[arg.id()] < 0) {
                    slot[arg.id()] = slots++;
                }
            }
        }
        for (Node n : deferred.keySet()) {
            if (slot[n.id()] < 0) {
                slot[n.id()] = slots++;
            }
        }
        List<Output> stores = new ArrayList<>();
        for (List<Output> list : deferred.values()) {
            stores.addAll(list);
        }
        int storeParts = (stores.size() + STORES - 1) / STORES;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String name = "org/adjoint4j/modelfile/compile/GeneratedKernel";
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {KERNEL});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        // run calls groups of at most CALLS parts (each call is 12 bytes), so no method is large.
        List<String> calls = new ArrayList<>();
        for (int c = 0; c < parts; c++) {
            calls.add("part" + c);
        }
        for (int c = 0; c < storeParts; c++) {
            calls.add("store" + c);
        }
        int groups = (calls.size() + CALLS - 1) / CALLS;
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", RUN, null, null);
        run.visitCode();
        for (int k = 0; k < groups; k++) {
            call(run, name, groups == 1 ? null : "group" + k, 1);
        }
        if (groups == 1) {
            for (String c : calls) {
                call(run, name, c, 1);
            }
        }
        run.visitInsn(Opcodes.RETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        for (int k = 0; groups > 1 && k < groups; k++) {
            MethodVisitor group = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "group" + k, RUN, null,
                    null);
            group.visitCode();
            for (String c : calls.subList(k * CALLS, Math.min(calls.size(), (k + 1) * CALLS))) {
                call(group, name, c, 0);
            }
            group.visitInsn(Opcodes.RETURN);
            group.visitMaxs(0, 0);
            group.visitEnd();
        }

        for (int c = 0; c < parts; c++) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "part" + c, RUN, null, null);
            mv.visitCode();
            int from = starts.get(c);
            int to = starts.get(c + 1);
            for (int k = from; k < to; k++) {
                Node n = order.get(k);
                if (n.isConstant() && constants > POOLED_CONSTANTS) {
                    continue; // read from its prefilled work slot where used
                }
                emit(mv, n, c, part, local, slot);
                int here = local[n.id()];
                mv.visitVarInsn(Opcodes.DSTORE, here);
                int s = slot[n.id()];
                if (s >= 0) {
                    mv.visitVarInsn(Opcodes.ALOAD, WORK);
                    pushInt(mv, s);
                    mv.visitVarInsn(Opcodes.DLOAD, here);
                    mv.visitInsn(Opcodes.DASTORE);
                }
                for (Output o : writes.getOrDefault(n, List.of())) {
                    mv.visitVarInsn(Opcodes.ALOAD, o.target() == 0 ? OUT0 : OUT1);
                    pushInt(mv, o.index());
                    mv.visitVarInsn(Opcodes.DLOAD, here);
                    mv.visitInsn(Opcodes.DASTORE);
                }
            }
            // Outputs that are pooled constants.
            for (int k = from; k < to; k++) {
                Node n = order.get(k);
                if (!(n.isConstant() && constants > POOLED_CONSTANTS)) {
                    continue;
                }
                for (Output o : writes.getOrDefault(n, List.of())) {
                    mv.visitVarInsn(Opcodes.ALOAD, o.target() == 0 ? OUT0 : OUT1);
                    pushInt(mv, o.index());
                    load(mv, n, -1, part, local, slot);
                    mv.visitInsn(Opcodes.DASTORE);
                }
            }
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        for (int c = 0; c < storeParts; c++) {
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "store" + c, RUN, null, null);
            mv.visitCode();
            for (int k = c * STORES; k < Math.min(stores.size(), (c + 1) * STORES); k++) {
                Output o = stores.get(k);
                mv.visitVarInsn(Opcodes.ALOAD, o.target() == 0 ? OUT0 : OUT1);
                pushInt(mv, o.index());
                mv.visitVarInsn(Opcodes.ALOAD, WORK);
                pushInt(mv, slot[o.node().id()]);
                mv.visitInsn(Opcodes.DALOAD);
                mv.visitInsn(Opcodes.DASTORE);
            }
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClass(cw.toByteArray(), true);
            Kernel kernel = (Kernel) lookup.lookupClass().getDeclaredConstructor().newInstance();
            double[] work = new double[slots];
            for (int k = 0; k < prefill.size(); k++) {
                work[k] = prefill.get(k);
            }
            return new Compiled(kernel, order.size(), parts, work);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the generated kernel cannot be loaded: " + e, e);
        }
    }

    /** Pushes the value of a node's argument: its local in this part, or its work slot. */
    private static void load(MethodVisitor mv, Node arg, int chunk, int[] part, int[] local, int[] slot) {
        if (part[arg.id()] == chunk && !(arg.isConstant() && slot[arg.id()] >= 0)) {
            mv.visitVarInsn(Opcodes.DLOAD, local[arg.id()]);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, WORK);
            pushInt(mv, slot[arg.id()]);
            mv.visitInsn(Opcodes.DALOAD);
        }
    }

    private static void emit(MethodVisitor mv, Node n, int chunk, int[] part, int[] local, int[] slot) {
        switch (n.op()) {
            case CONSTANT:
                constant(mv, n.value());
                return;
            case INPUT:
                switch (n.input()) {
                    case TIME:
                        mv.visitVarInsn(Opcodes.DLOAD, 0);
                        return;
                    case STATE:
                        element(mv, Y, n.index());
                        return;
                    case PARAMETER:
                        element(mv, P, n.index());
                        return;
                    case STATE_SEED:
                        element(mv, A, n.index());
                        return;
                    default:
                        element(mv, B, n.index());
                        return;
                }
            default:
                break;
        }
        for (int k = 0; k < n.arity(); k++) {
            load(mv, n.argument(k), chunk, part, local, slot);
        }
        Op op = n.op();
        switch (op) {
            case ADD:
                mv.visitInsn(Opcodes.DADD);
                return;
            case SUBTRACT:
                mv.visitInsn(Opcodes.DSUB);
                return;
            case MULTIPLY:
                mv.visitInsn(Opcodes.DMUL);
                return;
            case DIVIDE:
                mv.visitInsn(Opcodes.DDIV);
                return;
            case NEGATE:
                mv.visitInsn(Opcodes.DNEG);
                return;
            case POWER_INTEGER:
                pushInt(mv, (int) n.value());
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, SEMANTICS, "powerInteger", "(DI)D", false);
                return;
            case POWER:
                math(mv, "pow", 2);
                return;
            case SQRT:
                math(mv, "sqrt", 1);
                return;
            case EXP:
                math(mv, "exp", 1);
                return;
            case LOG:
                math(mv, "log", 1);
                return;
            case LOG10:
                math(mv, "log10", 1);
                return;
            case SIN:
                math(mv, "sin", 1);
                return;
            case COS:
                math(mv, "cos", 1);
                return;
            case TAN:
                math(mv, "tan", 1);
                return;
            case ASIN:
                math(mv, "asin", 1);
                return;
            case ACOS:
                math(mv, "acos", 1);
                return;
            case ATAN:
                math(mv, "atan", 1);
                return;
            case ATAN2:
                math(mv, "atan2", 2);
                return;
            case SINH:
                math(mv, "sinh", 1);
                return;
            case COSH:
                math(mv, "cosh", 1);
                return;
            case TANH:
                math(mv, "tanh", 1);
                return;
            case HYPOT:
                math(mv, "hypot", 2);
                return;
            case FLOOR:
                math(mv, "floor", 1);
                return;
            case CEIL:
                math(mv, "ceil", 1);
                return;
            case SIGN:
                math(mv, "signum", 1);
                return;
            case LESS:
                helper(mv, "less", 2);
                return;
            case LESS_EQUAL:
                helper(mv, "lessEqual", 2);
                return;
            case EQUAL:
                helper(mv, "equal", 2);
                return;
            case NOT_EQUAL:
                helper(mv, "notEqual", 2);
                return;
            case AND:
                helper(mv, "and", 2);
                return;
            case OR:
                helper(mv, "or", 2);
                return;
            case NOT:
                helper(mv, "not", 1);
                return;
            case SELECT:
                helper(mv, "select", 3);
                return;
            case MULTIPLY_GUARDED:
                helper(mv, "multiplyGuarded", 2);
                return;
            default:
                throw new IllegalStateException("cannot compile " + op);
        }
    }

    /** Calls a static part with the arguments of the method it is in (t first, at slot {@code first}). */
    private static void call(MethodVisitor mv, String owner, String method, int first) {
        if (method == null) {
            return;
        }
        mv.visitVarInsn(Opcodes.DLOAD, first);
        for (int s = first + 2; s <= first + 8; s++) {
            mv.visitVarInsn(Opcodes.ALOAD, s);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, RUN, false);
    }

    private static void element(MethodVisitor mv, int array, int index) {
        mv.visitVarInsn(Opcodes.ALOAD, array);
        pushInt(mv, index);
        mv.visitInsn(Opcodes.DALOAD);
    }

    private static void constant(MethodVisitor mv, double x) {
        if (Double.doubleToLongBits(x) == 0L) {
            mv.visitInsn(Opcodes.DCONST_0);
        } else if (x == 1.0) {
            mv.visitInsn(Opcodes.DCONST_1);
        } else {
            mv.visitLdcInsn(x);
        }
    }

    private static void math(MethodVisitor mv, String function, int arity) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, MATH, function, arity == 1 ? "(D)D" : "(DD)D", false);
    }

    private static void helper(MethodVisitor mv, String function, int arity) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, SEMANTICS, function, "(" + "D".repeat(arity) + ")D", false);
    }

    private static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            // (high << 15) | low, without a constant-pool entry per index
            mv.visitIntInsn(Opcodes.SIPUSH, v >> 15);
            mv.visitIntInsn(Opcodes.BIPUSH, 15);
            mv.visitInsn(Opcodes.ISHL);
            mv.visitIntInsn(Opcodes.SIPUSH, v & 0x7FFF);
            mv.visitInsn(Opcodes.IOR);
        }
    }
}
