/** Plots of fits and optimal controls as PNG, drawn with JFreeChart (headless). */
package org.adjoint4j.examples.plot;
