/**
 * Checkpointing schedules for adjoint time stepping, as immutable data.
 *
 * <p>This package knows nothing about ODEs: it counts steps and snapshot slots, so it can be tested
 * exhaustively and reused by any reverse sweep. Conventions (those of Griewank &amp; Walther's
 * revolve, checkpoint_schedules and Equinox):
 * <ul>
 *   <li>There are {@code N} time steps numbered {@code 0..N-1}; step {@code i} maps the state
 *       {@code x_i} to {@code x_{i+1}}. The adjoint reverses steps {@code N-1, N-2, ..., 0} in that
 *       order.</li>
 *   <li>{@code s} snapshot slots <em>including</em> the slot that holds {@code x_0}.</li>
 *   <li>An <em>advance</em> is a forward step that records nothing; a <em>taped</em> step records
 *       what the adjoint of that step needs. Every complete schedule tapes each step exactly once,
 *       so schedules differ only in their advances: the offline binomial schedule makes the
 *       minimal number {@code t(N, s) = r N - C(s + r, s + 1)} (see {@link Binomial}).</li>
 * </ul>
 *
 * <p>A schedule ({@link CheckpointSchedule}) is an iterable of {@link CheckpointAction}s generated
 * lazily, so {@code N = 10^9} needs no stored action list; its {@link ScheduleCounts} come from
 * closed forms or memoized recursion without running it. {@link ScheduleChecker} is the one
 * abstract machine that validates any schedule and counts what it does; {@link ScheduleText}
 * reads and writes the compact text notation ({@code S0@0 A0->6 S1@6 A6->9 F9 R1@6 ... T}).
 * {@link CostModel} answers the planning questions (cost for a given memory, memory for a given
 * cost) without generating anything.
 */
package org.adjoint4j.checkpointing;
