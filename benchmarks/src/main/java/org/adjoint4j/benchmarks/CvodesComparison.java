package org.adjoint4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.problems.Heat;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.adjoint4j.validation.ConvergenceStudy;

/**
 * Work-precision side by side with SUNDIALS CVODES (the programs in {@code peers/cvodes}, built by
 * {@code peers/cvodes/build.sh}): for robertson, lorenz96 (n = 1000) and heat (n = 1000), the
 * gradient error against a tight reference of ours, and the wall time of the whole gradient
 * (forward and adjoint; CVODES's own clock around CVodeF/CVodeB, ours the median of 5 in-process
 * runs after warm-up), at several tolerances each. Errors: relative norms of dJ/dp and dJ/dy0 (the
 * larger), for lorenz96 through the smooth projections with v = 1 and v = sin(2 pi i / n) that
 * the reference problems prescribe. Then, at matched accuracy, our time over CVODES's,
 * interpolated log-log along CVODES's curve.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.CvodesComparison [bin dir]}.
 */
public final class CvodesComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CvodesComparison() {
    }

    /** One point of a work-precision curve. */
    private record Point(String solver, double rtol, double error, double seconds, long steps) {
    }

    /**
     * @param args the directory of the CVODES programs (default peers/cvodes/bin)
     * @throws Exception if a program fails
     */
    public static void main(String[] args) throws Exception {
        Path bin = Path.of(args.length > 0 ? args[0] : "peers/cvodes/bin");
        if (!Files.isExecutable(bin.resolve("robertson"))) {
            System.err.println("CVODES programs not found in " + bin + ": run peers/cvodes/build.sh first");
            System.exit(2);
        }
        System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        compare("robertson", Robertson.problem(), RungeKuttaMethods.ESDIRK4, 1e-12, 1e-14,
                new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9}, r -> r * 1e-4, bin, new String[] {"robertson"}, -1);
        compare("heat n=1000", Heat.problem(1000), RungeKuttaMethods.ESDIRK4, 1e-11, 1e-14,
                new double[] {1e-4, 1e-5, 1e-6, 1e-7, 1e-8}, r -> r * 1e-3, bin, new String[] {"heat", "1000"}, -1);
        compare("lorenz96 n=1000", Lorenz96.problem(1000), RungeKuttaMethods.DOPRI5, 1e-13, 1e-13,
                new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9}, r -> r, bin, new String[] {"lorenz96", "1000"}, 1000);
    }

    private static void compare(String name, GradientProblem problem, RungeKuttaMethod method, double referenceRtol,
            double referenceAtol, double[] rtols, java.util.function.DoubleUnaryOperator atol, Path bin,
            String[] program, int projections) throws Exception {
        RungeKuttaMethod referenceMethod = method == RungeKuttaMethods.DOPRI5 ? RungeKuttaMethods.DOP853 : method;
        GradientResult reference = GradientSolver.solve(problem, GradientOptions.defaults().withMethod(referenceMethod)
                .withTolerances(referenceRtol, referenceAtol));
        List<Point> ours = new ArrayList<>();
        for (double rtol : rtols) {
            GradientOptions options = GradientOptions.defaults().withMethod(method).withTolerances(rtol,
                    atol.applyAsDouble(rtol));
            double[] times = new double[7];
            GradientResult r = null;
            for (int k = 0; k < times.length; k++) {
                long start = System.nanoTime();
                r = GradientSolver.solve(problem, options);
                times[k] = (System.nanoTime() - start) * 1e-9;
            }
            double[] measured = Arrays.copyOfRange(times, 2, times.length); // the first two warm up the JIT
            Arrays.sort(measured);
            ours.add(new Point("adjoint4j " + method.name(), rtol, error(r.parameterGradient(),
                    r.initialStateGradient(), reference, projections), measured[measured.length / 2], r.grid().steps()));
        }
        List<Point> cvodes = new ArrayList<>();
        for (double rtol : new double[] {1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10}) {
            List<String> command = new ArrayList<>();
            command.add(bin.resolve(program[0]).toString());
            command.addAll(Arrays.asList(program).subList(1, program.length));
            command.add(Double.toString(rtol));
            command.add(Double.toString(atol.applyAsDouble(rtol)));
            double best = Double.POSITIVE_INFINITY;
            JsonNode json = null;
            for (int k = 0; k < 3; k++) {
                json = run(command);
                best = Math.min(best, json.get("seconds").asDouble());
            }
            cvodes.add(new Point("cvodes " + (program[0].equals("lorenz96") ? "adams" : "bdf"), rtol,
                    error(array(json.get("dJdp")), array(json.get("dJdy0")), reference, projections), best,
                    json.get("forwardSteps").asLong()));
        }
        System.out.printf("%n%s (reference: %s rtol %.0e)%n", name, referenceMethod.name(), referenceRtol);
        System.out.printf("%-20s %8s %12s %12s %10s%n", "solver", "rtol", "error", "seconds", "steps");
        for (Point p : concat(ours, cvodes)) {
            System.out.printf(Locale.ROOT, "%-20s %8.0e %12.2e %12.4f %10d%n", p.solver(), p.rtol(), p.error(),
                    p.seconds(), p.steps());
        }
        System.out.println("at matched accuracy, adjoint4j time / cvodes time:");
        for (Point p : ours) {
            double t = interpolate(cvodes, p.error());
            System.out.printf(Locale.ROOT, "  error %.1e: %s%n", p.error(), Double.isNaN(t) ? "outside cvodes's range"
                    : String.format(Locale.ROOT, "%.2f", p.seconds() / t));
        }
    }

    private static List<Point> concat(List<Point> a, List<Point> b) {
        List<Point> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** CVODES's time at a given error, log-log between its two neighbouring points. */
    private static double interpolate(List<Point> curve, double error) {
        List<Point> sorted = new ArrayList<>(curve);
        sorted.sort((x, y) -> Double.compare(y.error(), x.error()));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Point hi = sorted.get(i);
            Point lo = sorted.get(i + 1);
            if (error <= hi.error() && error >= lo.error()) {
                double s = (Math.log(error) - Math.log(hi.error())) / (Math.log(lo.error()) - Math.log(hi.error()));
                return Math.exp(Math.log(hi.seconds()) + s * (Math.log(lo.seconds()) - Math.log(hi.seconds())));
            }
        }
        return Double.NaN;
    }

    private static double error(double[] dp, double[] dy0, GradientResult reference, int projections) {
        if (projections > 0) {
            double worst = 0;
            for (double[][] pair : new double[][][] {{dp, reference.parameterGradient()},
                {dy0, reference.initialStateGradient()}}) {
                for (int v = 0; v < 2; v++) {
                    double a = 0;
                    double b = 0;
                    for (int i = 0; i < pair[0].length; i++) {
                        double w = v == 0 ? 1.0 : Math.sin(2 * Math.PI * i / pair[0].length);
                        a += w * pair[0][i];
                        b += w * pair[1][i];
                    }
                    worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
                }
            }
            return worst;
        }
        return Math.max(ConvergenceStudy.relativeError(dp, reference.parameterGradient()),
                ConvergenceStudy.relativeError(dy0, reference.initialStateGradient()));
    }

    private static double[] array(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    private static JsonNode run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + err);
        }
        return JSON.readTree(out);
    }
}
