/** What {@code ./adjoint4j bench} measures: ratios of gradient costs, in one run. */
package org.adjoint4j.examples.bench;
