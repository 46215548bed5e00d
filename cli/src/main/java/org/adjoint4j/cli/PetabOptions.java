package org.adjoint4j.cli;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.estimation.PetabObjective;
import org.adjoint4j.modelfile.PetabProblem;
import picocli.CommandLine.Option;

/**
 * The options that choose a PEtab problem ({@code --petab}) and how many threads solve its
 * conditions, shared by {@code gradient}, {@code fit} and {@code simulate}.
 */
final class PetabOptions {

    @Option(names = "--petab", paramLabel = "PROBLEM.yaml|DIR",
            description = "A PEtab v1 problem (its yaml, or a directory holding one) instead of a built-in problem "
                    + "or model file.")
    Path petab;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the independent solves of PEtab conditions (default: the number of cores); "
                    + "results are bit-identical for any N.")
    Integer threads;

    /**
     * For a command that runs something else than a PEtab problem.
     *
     * @throws IllegalArgumentException if --threads was given, which only PEtab problems use yet
     */
    void requireUnused() {
        if (threads != null) {
            throw new IllegalArgumentException("--threads applies to --petab problems");
        }
    }

    /** @return whether --petab was given */
    boolean given() {
        return petab != null;
    }

    /**
     * @param problem the problem options, which must not name another problem
     * @param err where what the reader ignored is reported
     * @return the problem, read once
     */
    PetabProblem problem(ProblemOptions problem, java.io.PrintWriter err) {
        if (problem.problemName != null || problem.modelFile != null) {
            throw new IllegalArgumentException("--petab: give either a PROBLEM, --model FILE or --petab, not several");
        }
        if (problem.size != null) {
            throw new IllegalArgumentException("--n does not apply to a PEtab problem");
        }
        Progress.phase("petab: reading, differentiating and compiling " + petab);
        PetabProblem p = PetabProblem.read(petab);
        Progress.phase(null);
        for (String w : p.warnings()) {
            err.println("warning: " + w);
        }
        return p;
    }

    /**
     * @param problem the problem
     * @param options how each condition is solved
     * @return the objective on the chosen number of threads
     */
    PetabObjective objective(PetabProblem problem, GradientOptions options) {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        return new PetabObjective(problem, options, Math.min(n, Math.max(1, problem.conditions().size())));
    }
}
