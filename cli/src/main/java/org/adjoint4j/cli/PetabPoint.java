package org.adjoint4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --at FILE.tsv}: the point of a PEtab problem at which {@code gradient} and {@code simulate} run. */
final class PetabPoint {

    @Option(names = "--at", paramLabel = "FILE.tsv",
            description = "With --petab: the parameters (columns parameterId, value, on their scales; the others "
                    + "nominal).")
    Path at;

    /**
     * @param petab the PEtab options
     * @throws IllegalArgumentException if --at is given without --petab
     */
    void requirePetab(PetabOptions petab) {
        if (at != null && !petab.given()) {
            throw new IllegalArgumentException("--at applies to --petab problems");
        }
    }
}
