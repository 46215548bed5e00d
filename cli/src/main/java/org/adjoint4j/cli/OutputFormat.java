package org.adjoint4j.cli;

/** Output formats of the subcommands; not every subcommand offers every format. */
public enum OutputFormat {
    /** A human-readable table. */
    table,
    /** One JSON object on standard output. */
    json,
    /** The schedule's actions in the compact text notation. */
    text,
    /** A picture as SVG. */
    svg
}
