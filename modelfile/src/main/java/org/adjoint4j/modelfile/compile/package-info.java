/**
 * Expression graphs compiled to JVM bytecode with ASM ({@link
 * org.adjoint4j.modelfile.compile.KernelCompiler}): straight-line code from the graph alone, split
 * into methods small enough for the JIT, loaded as hidden classes implementing {@link
 * org.adjoint4j.modelfile.compile.Kernel}.
 */
package org.adjoint4j.modelfile.compile;
