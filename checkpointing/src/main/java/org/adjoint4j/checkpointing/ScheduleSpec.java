package org.adjoint4j.checkpointing;

/**
 * A checkpointing strategy chosen before N is known: the kind and its parameters. It becomes a
 * schedule with {@link #forSteps(long)}, once the forward run has fixed N. Text forms (the
 * {@code --checkpoints} option): {@code store-all}, {@code binomial:S}, {@code online:S},
 * {@code uniform:K}, {@code disk:S,D}.
 *
 * @param kind the schedule family
 * @param snapshots RAM slots (binomial, online, disk), 0 otherwise
 * @param interval K for uniform, 0 otherwise
 * @param diskSnapshots disk slots for disk, 0 otherwise
 * @param costs the cost model for disk, null otherwise
 */
public record ScheduleSpec(ScheduleKind kind, int snapshots, long interval, int diskSnapshots, DiskCosts costs) {

    /** Validates the parameters the kind needs. */
    public ScheduleSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        switch (kind) {
            case BINOMIAL:
            case ONLINE:
                Arguments.requireAtLeast("snapshots", snapshots, 1);
                break;
            case UNIFORM:
                Arguments.requireAtLeast("interval", interval, 1);
                break;
            case DISK:
                Arguments.requireAtLeast("snapshots", snapshots, 1);
                Arguments.requireNonNegative("disk snapshots", diskSnapshots);
                if (costs == null) {
                    throw new IllegalArgumentException("disk checkpointing needs its costs, got null");
                }
                break;
            default:
                break;
        }
    }

    /** @return store-all */
    public static ScheduleSpec storeAll() {
        return new ScheduleSpec(ScheduleKind.STORE_ALL, 0, 0, 0, null);
    }

    /** @param snapshots s @return binomial (revolve) with s slots */
    public static ScheduleSpec binomial(int snapshots) {
        return new ScheduleSpec(ScheduleKind.BINOMIAL, snapshots, 0, 0, null);
    }

    /** @param snapshots C @return online with C slots */
    public static ScheduleSpec online(int snapshots) {
        return new ScheduleSpec(ScheduleKind.ONLINE, snapshots, 0, 0, null);
    }

    /** @param interval K @return a snapshot every K steps */
    public static ScheduleSpec uniform(long interval) {
        return new ScheduleSpec(ScheduleKind.UNIFORM, 0, interval, 0, null);
    }

    /**
     * @param snapshots RAM slots
     * @param diskSnapshots disk slots
     * @param costs cost model
     * @return two-level RAM + disk
     */
    public static ScheduleSpec disk(int snapshots, int diskSnapshots, DiskCosts costs) {
        return new ScheduleSpec(ScheduleKind.DISK, snapshots, 0, diskSnapshots, costs);
    }

    /**
     * Reads the text form.
     *
     * @param text {@code store-all}, {@code binomial:S}, {@code online:S}, {@code uniform:K} or
     *        {@code disk:S,D}
     * @return the strategy
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static ScheduleSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("checkpoints must be one of store-all, binomial:S, online:S, "
                    + "uniform:K, disk:S,D; got '" + text + "'");
        }
        String[] parts = text.trim().split(":", 2);
        ScheduleKind kind = ScheduleKind.fromCliName(parts[0]);
        String args = parts.length > 1 ? parts[1] : null;
        try {
            switch (kind) {
                case STORE_ALL:
                    if (args != null) {
                        throw new IllegalArgumentException("store-all takes no parameter");
                    }
                    return storeAll();
                case BINOMIAL:
                    return binomial(Integer.parseInt(required(args, "S")));
                case ONLINE:
                    return online(Integer.parseInt(required(args, "S")));
                case UNIFORM:
                    return uniform(Long.parseLong(required(args, "K")));
                default:
                    String[] sd = required(args, "S,D").split(",", -1);
                    if (sd.length != 2) {
                        throw new IllegalArgumentException("disk needs S,D (RAM and disk slots)");
                    }
                    return disk(Integer.parseInt(sd[0].trim()), Integer.parseInt(sd[1].trim()), DiskCosts.DEFAULT);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid checkpoints '" + text + "': " + e.getMessage(), e);
        }
    }

    private static String required(String args, String what) {
        if (args == null || args.isBlank()) {
            throw new IllegalArgumentException("missing :" + what);
        }
        return args.trim();
    }

    /**
     * The schedule for N steps.
     *
     * @param steps N
     * @return the schedule
     */
    public CheckpointSchedule forSteps(long steps) {
        switch (kind) {
            case STORE_ALL:
                return new StoreAllSchedule(steps);
            case UNIFORM:
                return new UniformSchedule(steps, interval);
            case BINOMIAL:
                return new BinomialSchedule(steps, snapshots);
            case ONLINE:
                return new OnlineSchedule(steps, snapshots);
            default:
                return new MultistageSchedule(steps, snapshots, diskSnapshots, costs);
        }
    }

    /** @return the text form, e.g. {@code binomial:30} */
    public String text() {
        switch (kind) {
            case STORE_ALL:
                return "store-all";
            case UNIFORM:
                return "uniform:" + interval;
            case DISK:
                return "disk:" + snapshots + "," + diskSnapshots;
            default:
                return kind.cliName() + ":" + snapshots;
        }
    }
}
