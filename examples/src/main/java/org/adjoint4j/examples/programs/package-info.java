/**
 * Short programs, one per application, to copy as a start: synthetic data, a fit, optimal
 * controls. Each has a {@code main} and runs with
 * {@code java -cp examples/target/adjoint4j.jar org.adjoint4j.examples.programs.<Name>}.
 */
package org.adjoint4j.examples.programs;
