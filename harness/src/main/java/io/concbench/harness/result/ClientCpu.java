package io.concbench.harness.result;

/**
 * CPU the load generator itself used while measuring: a client at 100 % of its cores measured
 * itself, not the server.
 *
 * @param cpuNanos process CPU time (user + system, every thread) over the measured window
 * @param wallNanos the window's wall-clock length
 * @param percentOfOneCore {@code 100 * cpuNanos / wallNanos}: 100 means one core busy, as top shows it
 * @param availableProcessors cores this process may run on (after taskset or container limits)
 */
public record ClientCpu(long cpuNanos, long wallNanos, double percentOfOneCore, int availableProcessors) {

    /** From a CPU-time and a wall-time delta; a zero wall time gives 0 %. */
    public static ClientCpu of(long cpuNanos, long wallNanos, int availableProcessors) {
        double percent = wallNanos <= 0 ? 0 : 100.0 * cpuNanos / wallNanos;
        return new ClientCpu(cpuNanos, wallNanos, percent, availableProcessors);
    }
}
