/**
 * Result records and their JSON form. Use {@link io.concbench.harness.result.Json} for every JSON line
 * a process prints and every result file it writes; files are written atomically (temp file, then
 * rename), so a killed run never leaves a truncated result.
 */
package io.concbench.harness.result;
