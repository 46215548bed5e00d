package org.adjoint4j.checkpointing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The families of schedules this package generates, with the names the command line uses. */
public enum ScheduleKind {
    /** Tape every step in one forward sweep, then reverse: no recomputation, N tapes of memory. */
    STORE_ALL("store-all"),
    /** A snapshot every K steps; each segment is re-run taped, then reversed. */
    UNIFORM("uniform"),
    /** Offline optimal binomial checkpointing (revolve). */
    BINOMIAL("binomial"),
    /** Online checkpointing for an unknown N (Stumm–Walther, then Wang–Moin), reversed optimally. */
    ONLINE("online"),
    /** Two-level RAM + disk checkpointing (H-Revolve; Disk-Revolve when disk is unlimited). */
    DISK("disk");

    private final String cliName;

    ScheduleKind(String cliName) {
        this.cliName = cliName;
    }

    /** @return the command-line name, e.g. {@code store-all} */
    public String cliName() {
        return cliName;
    }

    /**
     * Finds a kind by its command-line name.
     *
     * @param name e.g. {@code binomial}
     * @return the kind
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static ScheduleKind fromCliName(String name) {
        for (ScheduleKind k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule kind '" + name + "'; known kinds: "
                + Arrays.stream(values()).map(ScheduleKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
