/**
 * Result records and their JSON form. Use {@link io.concbench.harness.result.Json} for every JSON line
 * a process prints and every JSON result file it writes, {@link io.concbench.harness.result.AtomicFiles}
 * for every other result file; both write atomically (temp file, then rename), so a killed run never
 * leaves a truncated result. {@link io.concbench.harness.result.ErrorClass} is the one list of the load
 * client's error classes.
 */
package io.concbench.harness.result;
