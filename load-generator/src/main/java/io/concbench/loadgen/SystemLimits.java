package io.concbench.loadgen;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a run opens anything, that the machine lets this process hold the connections
 * asked for, so the user gets one clear line instead of a storm of connect errors. Stateless.
 */
final class SystemLimits {

    /** Descriptors an event loop holds besides its sockets: the epoll instance and its wake-up eventfd, with room to spare. */
    static final int DESCRIPTORS_PER_LOOP = 3;
    /** Descriptors for what else a run opens: the jar, --json and --hlog files, /proc reads. */
    static final int DESCRIPTORS_RESERVED = 32;
    private static final Path LOCAL_PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private SystemLimits() {}

    /** Throws {@link IllegalArgumentException} naming the limit when {@code connections} cannot be held. */
    static void check(int connections, int threads, int sourceAddresses) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            // The JVM raises its soft limit to the hard one at start-up (-XX:+MaxFDLimit): this is the limit that applies.
            long max = unix.getMaxFileDescriptorCount();
            long needed = unix.getOpenFileDescriptorCount() + connections + (long) threads * DESCRIPTORS_PER_LOOP
                    + DESCRIPTORS_RESERVED;
            if (max > 0 && needed > max) {
                throw new IllegalArgumentException("-c " + connections + " needs about " + needed
                        + " open files but this process may open only " + max
                        + " (the open-file limit, ulimit -n); raise it (e.g. ulimit -n " + roundUp(needed)
                        + ") or lower -c");
            }
        }
        int ports = localPorts();
        if (ports > 0 && connections > (long) ports * sourceAddresses) {
            throw new IllegalArgumentException("-c " + connections + " is more connections than the " + ports
                    + " local ports one client address can use towards one server port ("
                    + LOCAL_PORT_RANGE + ") times " + sourceAddresses + " source address(es); lower -c, widen the range"
                    + " or add --source-addresses 127.0.0.1-127.0.0.8");
        }
    }

    /** Size of the ephemeral port range, or 0 when unknown. */
    static int localPorts() {
        try {
            // Read as a stream: Files.readString trusts the size /proc reports and returned "3" of
            // "32768\t60999" on kernel 6.18, so this check never fired.
            String[] range = String.join(" ", Files.readAllLines(LOCAL_PORT_RANGE)).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long roundUp(long n) {
        long step = 1024;
        return (n + step - 1) / step * step;
    }
}
