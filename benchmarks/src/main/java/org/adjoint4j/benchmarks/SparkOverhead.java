package org.adjoint4j.benchmarks;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.adjoint4j.adjoint.BatchEngine;
import org.adjoint4j.adjoint.BatchTask;
import org.adjoint4j.adjoint.GradientBatch;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientResult;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.adjoint.PortableOptions;
import org.adjoint4j.adjoint.problems.LotkaVolterra;

/**
 * A timed harness for the Spark engine's overhead, against threads in the same JVM:
 * <ol>
 * <li>start-up: the first {@code BatchEngine.open("spark", ..., master)} of the JVM (class loading
 * and the context) and a second one after a stop;</li>
 * <li>per job: the median time of a batch of two empty tasks (one per core), after warm-up;</li>
 * <li>the work per task above which Spark's overhead is under 5%: batches of 20 tasks, each
 * {@code r} Lotka–Volterra gradients, on Spark and on as many threads as Spark's parallelism,
 * alternated, for r = 1, 4, 16, 64, 128, 256; overhead = Spark time / threads time - 1, median over 7
 * repetitions with the range.</li>
 * </ol>
 * Both engines give the same bits (checked). The engine is found by name, so this module needs
 * no Spark class to compile; run it with the spark module and Spark first on the class path:
 * {@code java -cp "spark/target/adjoint4j-spark-0.1.0-SNAPSHOT.jar:$(cat spark/target/spark.classpath):benchmarks/target/benchmarks.jar"
 * org.adjoint4j.benchmarks.SparkOverhead [MASTER]} (default {@code local[2]}).
 */
public final class SparkOverhead {

    private SparkOverhead() {
    }

    /** Tasks of r Lotka–Volterra gradients each; the result of one is its last J and gradient. */
    static final class Work implements BatchTask<GradientProblem, double[]> {
        private static final long serialVersionUID = 1L;
        private final int tasks;
        private final int gradients;
        private final PortableOptions options = PortableOptions.of(GradientOptions.defaults());

        Work(int tasks, int gradients) {
            this.tasks = tasks;
            this.gradients = gradients;
        }

        @Override
        public int size() {
            return tasks;
        }

        @Override
        public GradientProblem prepare() {
            return LotkaVolterra.problem();
        }

        @Override
        public double[] solve(GradientProblem base, int index) {
            GradientOptions o = options.options();
            double[] out = null;
            for (int g = 0; g < gradients; g++) {
                double[] p = base.parameters();
                for (int k = 0; k < p.length; k++) {
                    p[k] *= 1 + 0.05 * Math.sin(7.0 * (index * gradients + g) + k);
                }
                GradientResult r = GradientSolver.solve(base.withParameters(p), o);
                out = r.parameterGradient().clone();
                out[0] += r.value();
            }
            return out;
        }
    }

    private static double timed(BatchEngine engine, BatchTask<?, ? extends Serializable> task, List<?>[] result) {
        long t0 = System.nanoTime();
        result[0] = engine.run(task);
        return (System.nanoTime() - t0) * 1e-6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * @param args optionally the master (default local[2])
     */
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        long t0 = System.nanoTime();
        BatchEngine first = BatchEngine.open("spark", 1, master);
        double startup = (System.nanoTime() - t0) * 1e-6;
        first.close();
        t0 = System.nanoTime();
        List<?>[] out = new List<?>[1];
        List<?>[] reference = new List<?>[1];
        try (BatchEngine spark = BatchEngine.open("spark", 1, master)) {
            double restart = (System.nanoTime() - t0) * 1e-6;
            System.out.printf(Locale.ROOT, "spark %s: first start-up %.0f ms, second %.0f ms%n", master, startup,
                    restart);
            int parallelism = spark.parallelism();
            Work empty = new Work(parallelism, 0);
            double[] jobs = new double[50];
            for (int r = -20; r < jobs.length; r++) {
                double t = timed(spark, empty, out);
                if (r >= 0) {
                    jobs[r] = t;
                }
            }
            double[] sortedJobs = jobs.clone();
            Arrays.sort(sortedJobs);
            System.out.printf(Locale.ROOT, "per job (%d empty tasks): median %.2f ms, p10 %.2f, p90 %.2f over %d jobs%n",
                    parallelism, median(jobs), sortedJobs[jobs.length / 10], sortedJobs[jobs.length * 9 / 10],
                    jobs.length);
            System.out.println("gradients/task  ms/task (threads)  threads ms  spark ms  overhead (median, range)");
            try (GradientBatch threads = new GradientBatch(parallelism)) {
                for (int gradients : new int[] {1, 4, 16, 64, 128, 256}) {
                    Work work = new Work(20, gradients);
                    int repetitions = 7;
                    double[] overhead = new double[repetitions];
                    double[] threadTimes = new double[repetitions];
                    double[] sparkTimes = new double[repetitions];
                    for (int r = -3; r < repetitions; r++) {
                        double tt = timed(threads, work, reference);
                        double ts = timed(spark, work, out);
                        for (int i = 0; i < reference[0].size(); i++) {
                            if (!Arrays.equals((double[]) reference[0].get(i), (double[]) out[0].get(i))) {
                                throw new IllegalStateException("task " + i + " differs between threads and spark");
                            }
                        }
                        if (r >= 0) {
                            threadTimes[r] = tt;
                            sparkTimes[r] = ts;
                            overhead[r] = ts / tt - 1;
                        }
                    }
                    double[] sorted = overhead.clone();
                    Arrays.sort(sorted);
                    System.out.printf(Locale.ROOT, "%14d  %17.2f  %10.1f  %8.1f  %+.1f%% (%+.1f%% to %+.1f%%)%n",
                            gradients, median(threadTimes) * parallelism / 20, median(threadTimes), median(sparkTimes),
                            100 * median(overhead), 100 * sorted[0], 100 * sorted[repetitions - 1]);
                }
            }
        }
        System.out.println("the same bits on both engines");
    }
}
