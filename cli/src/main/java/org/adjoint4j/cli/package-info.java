/**
 * The {@code adjoint4j} command line (picocli).
 *
 * <p>{@link org.adjoint4j.cli.Main} is the entry point; each subcommand is a class of its own.
 * Exit codes follow the command-line contract: 0 on success, 2 for bad input (one line on standard
 * error naming the argument and the value), 1 for a failure during the computation.
 */
package org.adjoint4j.cli;

