package org.adjoint4j.cli;

import java.nio.file.Path;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.estimation.PetabObjective;
import org.adjoint4j.modelfile.PetabProblem;
import picocli.CommandLine.Option;

/**
 * The option that chooses a PEtab problem ({@code --petab}), shared by {@code gradient},
 * {@code fit} and {@code simulate}.
 */
final class PetabOptions {

    @Option(names = "--petab", paramLabel = "PROBLEM.yaml|DIR",
            description = "A PEtab v1 problem (its yaml, or a directory holding one) instead of a built-in problem "
                    + "or model file.")
    Path petab;

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
        if (problem.size != null || problem.width != null || problem.depth != null) {
            throw new IllegalArgumentException((problem.size != null ? "--n" : problem.width != null ? "--width"
                    : "--depth") + " does not apply to a PEtab problem");
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
     * @param engine where the conditions are solved
     * @return the objective
     */
    static PetabObjective objective(PetabProblem problem, GradientOptions options, EngineOptions engine) {
        return PetabObjective.closingEngine(problem, options, engine.open(problem.conditions().size()));
    }
}
