package org.adjoint4j.estimation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.PortableOptions;
import org.adjoint4j.modelfile.PetabFiles;
import org.adjoint4j.modelfile.PetabProblem;

/**
 * A PEtab problem and its solver options in the form that travels inside a
 * {@link org.adjoint4j.adjoint.BatchTask}: the problem's files and the portable options. Where it
 * arrives, {@link #problem} reads and compiles the problem once per JVM (kept by digest, the last
 * few), so the partitions and jobs of one fit share it.
 */
final class PortablePetab implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int KEPT = 4;
    private static final Map<String, PetabProblem> READ = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PetabProblem> eldest) {
            return size() > KEPT;
        }
    };

    private final PetabFiles files;
    private final PortableOptions options;
    private final String notPortable;

    PortablePetab(PetabProblem problem, GradientOptions options) {
        this.files = problem.files();
        PortableOptions p = null;
        String why = null;
        try {
            p = PortableOptions.of(options);
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        this.options = p;
        this.notPortable = why;
    }

    /** A problem and its options, as a worker holds them. */
    record Prepared(PetabProblem problem, GradientOptions options) {
    }

    /**
     * @param local the objective in this JVM, or null where this copy travelled
     * @return its problem and options, or those read from the files (once per JVM)
     */
    Prepared prepare(PetabObjective local) {
        return local != null ? new Prepared(local.problem(), local.options()) : new Prepared(problem(), options());
    }

    /** @return the problem, read from its files here once */
    PetabProblem problem() {
        synchronized (READ) {
            return READ.computeIfAbsent(files.digest(), d -> files.read());
        }
    }

    /** @return the options again */
    GradientOptions options() {
        if (options == null) {
            throw new IllegalStateException(notPortable);
        }
        return options.options();
    }
}
