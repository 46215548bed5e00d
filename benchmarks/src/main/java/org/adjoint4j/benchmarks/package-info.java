/**
 * JMH benchmarks, built with the project and never run by its tests. Build once with
 * {@code mvn -q -DskipTests package}, then run {@code java -jar benchmarks/target/benchmarks.jar}
 * with JMH options, e.g. {@code -f 1 -wi 2 -i 3 ScheduleBenchmark}.
 */
package org.adjoint4j.benchmarks;
