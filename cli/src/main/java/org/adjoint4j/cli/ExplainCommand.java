package org.adjoint4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.autodiff.Tape;
import org.adjoint4j.autodiff.TapeListing;
import org.adjoint4j.autodiff.TapeVariable;
import org.adjoint4j.modelfile.ScalarExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code adjoint4j explain}: reverse mode on one expression, as a worked example. The forward pass
 * records every intermediate {@code v_i} with its operation and value; the backward pass seeds the
 * output's adjoint with 1 and pushes adjoints back to the inputs, summing over every path; the
 * inputs' adjoints are the gradient.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reverse-mode differentiation of one expression, step by step: each intermediate value "
                + "forward, each adjoint backward, then the gradient.",
            "Example: adjoint4j explain \"x*sin(y) + y*exp(x)\" --at x=2,y=0.5"})
public final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPRESSION", description = "e.g. \"x*sin(y) + y*exp(x)\".")
    private String expression;

    @Option(names = "--at", required = true, split = ",", paramLabel = "NAME=VALUE",
            description = "The point, one value per variable, e.g. x=2,y=0.5.")
    private List<String> at;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table (default) or json.")
    private String format;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be table or json, got '" + format + "'");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String pair : at) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--at " + pair + ": expected NAME=VALUE, e.g. --at x=2,y=0.5");
            }
            String name = pair.substring(0, eq).trim();
            if (names.contains(name)) {
                throw new IllegalArgumentException("--at gives " + name + " twice");
            }
            names.add(name);
            values.add(pair.substring(eq + 1).trim());
        }
        double[] point = new double[names.size()];
        for (int i = 0; i < point.length; i++) {
            String text = values.get(i);
            try {
                point[i] = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--at " + names.get(i) + "=" + text + ": not a number");
            }
            if (!Double.isFinite(point[i])) {
                throw new IllegalArgumentException("--at " + names.get(i) + "=" + text + ": not finite");
            }
        }
        ScalarExpression f = ScalarExpression.parse(expression, names);
        Tape tape = new Tape();
        TapeVariable[] inputs = new TapeVariable[point.length];
        for (int i = 0; i < point.length; i++) {
            inputs[i] = tape.variable(names.get(i), point[i]);
        }
        TapeVariable output = f.evaluate(tape.field().getZero(), inputs);
        double[] gradient = tape.gradient(output, inputs);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(Json.write(json(tape, output, names, gradient)));
        } else {
            table(out, tape, output, names, point, gradient);
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> json(Tape tape, TapeVariable output, List<String> names, double[] gradient) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expression", expression);
        m.put("value", output.getReal());
        Map<String, Object> g = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            g.put(names.get(i), gradient[i]);
        }
        m.put("gradient", g);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < tape.size(); i++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("index", i);
            node.put("op", tape.operation(i).symbol());
            node.put("expression", TapeListing.operation(tape, i));
            List<Integer> parents = new ArrayList<>();
            if (tape.left(i) >= 0) {
                parents.add(tape.left(i));
            }
            if (tape.right(i) >= 0) {
                parents.add(tape.right(i));
            }
            node.put("inputs", parents);
            if (tape.name(i) != null) {
                node.put("name", tape.name(i));
            }
            node.put("value", tape.value(i));
            node.put("adjoint", tape.adjoint(i));
            nodes.add(node);
        }
        m.put("tape", nodes);
        m.put("output", output.index());
        return m;
    }

    private void table(PrintWriter out, Tape tape, TapeVariable output, List<String> names, double[] point,
            double[] gradient) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            where.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(point[i]);
        }
        out.printf("f = %s   at %s%n%n", expression, where);
        out.println("Forward pass, top to bottom: each intermediate value. Backward pass, bottom to top: the adjoint");
        out.println("vbar_i = d f / d v_i, seeded with 1 at the output and added into each parent as vbar_i * d v_i/d parent");
        out.println("(a node used twice collects the adjoints of both uses).");
        out.println();
        out.printf("  %-5s %-22s %22s %22s   %s%n", "node", "operation", "value", "adjoint", "local partials");
        for (int i = 0; i < tape.size(); i++) {
            StringBuilder partials = new StringBuilder();
            if (tape.left(i) >= 0) {
                partials.append("d/dv").append(tape.left(i)).append(" = ").append(g(tape.leftPartial(i)));
            }
            if (tape.right(i) >= 0) {
                partials.append(partials.length() > 0 ? ", " : "").append("d/dv").append(tape.right(i)).append(" = ")
                        .append(g(tape.rightPartial(i)));
            }
            out.printf("  %-5s %-22s %22s %22s   %s%s%n", "v" + i, TapeListing.operation(tape, i), g(tape.value(i)),
                    g(tape.adjoint(i)), partials, i == output.index() ? "   <- output" : "");
        }
        out.printf("%nf = %s%n", g(output.getReal()));
        for (int i = 0; i < names.size(); i++) {
            out.printf("df/d%s = %s%n", names.get(i), g(gradient[i]));
        }
    }

    private static String g(double x) {
        return String.format("%.15g", x);
    }
}
