/** JMH benchmarks of the server's hot paths; each class says what it measures and docs/benchmarks.md the results. */
package io.solomo.benchmarks;
