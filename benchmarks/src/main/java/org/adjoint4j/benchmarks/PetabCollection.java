package org.adjoint4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.estimation.PetabObjective;
import org.adjoint4j.modelfile.PetabProblem;
import org.adjoint4j.solvers.RungeKuttaMethods;

/**
 * Loads every problem of a copy of the PEtab benchmark collection ({@code Benchmark-Models/} of
 * Benchmarking-Initiative/Benchmark-Models-PEtab) and prints, as a markdown table, whether it
 * loads (or the feature that refuses it), its nllh at the nominal parameters, and the median time
 * of one forward solve (the nllh alone) and of one gradient (forward and adjoint) over 7 runs after
 * 3 warm-ups, with their ratio, all in one JVM on one thread. esdirk4 at rtol 1e-8, atol 1e-10.
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar org.adjoint4j.benchmarks.PetabCollection
 * DIR [SECONDS]} (a problem that takes longer than SECONDS, default 120, is reported as such).
 */
public final class PetabCollection {

    private PetabCollection() {
    }

    /**
     * @param args the collection's directory, and optionally the time limit per problem in seconds
     * @throws IOException if the directory cannot be listed
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PetabCollection DIR [SECONDS]");
        }
        long limit = args.length > 1 ? Long.parseLong(args[1]) : 120;
        List<Path> dirs = new ArrayList<>();
        try (var s = Files.list(Path.of(args[0]))) {
            s.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-8,
                1e-10);
        System.out.println("| problem | states | estimated | conditions | data | nllh at nominal | forward ms "
                + "| gradient ms | gradient / forward |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        int loaded = 0;
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "petab-problem");
            t.setDaemon(true);
            return t;
        });
        for (Path dir : dirs) {
            Future<String> row = executor.submit(() -> row(dir, options));
            String line;
            try {
                line = row.get(limit, TimeUnit.SECONDS);
                loaded += line.contains("not loaded") ? 0 : 1;
            } catch (TimeoutException e) {
                row.cancel(true);
                line = "| " + dir.getFileName() + " | loaded; over " + limit + " s, not timed | | | | | | | |";
                loaded++;
                executor.shutdownNow();
                executor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "petab-problem");
                    t.setDaemon(true);
                    return t;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                line = "| " + dir.getFileName() + " | failed: " + e.getCause() + " | | | | | | | |";
            }
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%n%d of %d problems load%n", loaded, dirs.size());
        executor.shutdownNow();
    }

    private static String row(Path dir, GradientOptions options) {
        String name = dir.getFileName().toString();
        PetabProblem problem;
        try {
            problem = PetabProblem.read(dir);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().replace("|", "/").replace(dir.toString(), "").replaceAll("\\s+", " ");
            return "| " + name + " | not loaded: " + why + " | | | | | | | |";
        }
        String head = String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |", name,
                problem.conditions().get(0).stateNames().size(), problem.estimatedIds().size(),
                problem.conditions().size(), problem.measurementCount());
        try (PetabObjective objective = new PetabObjective(problem, options, 1)) {
            double[] x = problem.nominalOnScale();
            double value = objective.value(x);
            double[] forward = new double[7];
            double[] gradient = new double[7];
            for (int k = -3; k < 7; k++) {
                long t0 = System.nanoTime();
                objective.value(x);
                long t1 = System.nanoTime();
                objective.evaluate(x, true);
                long t2 = System.nanoTime();
                if (k >= 0) {
                    forward[k] = (t1 - t0) * 1e-6;
                    gradient[k] = (t2 - t1) * 1e-6;
                }
            }
            Arrays.sort(forward);
            Arrays.sort(gradient);
            return String.format(Locale.ROOT, "%s %.10g | %.2f | %.2f | %.2f |", head, value, forward[3], gradient[3],
                    gradient[3] / forward[3]);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).replace("|", "/").replaceAll("\\s+", " ");
            return head + " failed: " + why + " | | | |";
        }
    }
}
