package io.concbench.loadgen;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts this machine's sockets in TIME_WAIT whose remote end is the target: the client side of
 * connections to it that were closed normally, each holding a local port for 60 s. Reads the
 * socket tables /proc/net/tcp and /proc/net/tcp6 (a table of hex fields, unlike the key: value
 * files harness.probe.ProcFields reads). Stateless; called twice a run, never on the hot path.
 */
final class TimeWaitSockets {

    /** The TIME_WAIT state in the {@code st} column (include/net/tcp_states.h: TCP_TIME_WAIT = 6). */
    static final String TIME_WAIT = "06";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** Columns: sl local_address rem_address st ... */
    private static final int REMOTE_COLUMN = 2;
    private static final int STATE_COLUMN = 3;
    /** An IPv4 address in tcp6: ::ffff:a.b.c.d, as the kernel prints it (four 32-bit words in host order). */
    private static final String V4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    private TimeWaitSockets() {}

    /** Sockets in TIME_WAIT towards {@code target}, or null when the tables cannot be read. */
    static Long towards(InetSocketAddress target) {
        long n = 0;
        boolean read = false;
        for (Path table : TABLES) {
            try {
                n += count(Files.readAllLines(table), target);
                read = true;
            } catch (IOException | RuntimeException e) {
                // no IPv6, or no /proc: the other table may still answer
            }
        }
        return read ? n : null;
    }

    /** Lines of one table (header included) in TIME_WAIT whose remote end is {@code target}. */
    static long count(List<String> table, InetSocketAddress target) {
        String v4 = hexAddress(target) + ":" + hexPort(target.getPort());
        String v6 = (target.getAddress() instanceof Inet4Address ? V4_MAPPED_PREFIX : "") + v4;
        long n = 0;
        for (int i = 1; i < table.size(); i++) {
            String[] f = table.get(i).trim().split("\\s+");
            if (f.length > STATE_COLUMN && TIME_WAIT.equals(f[STATE_COLUMN])
                    && (f[REMOTE_COLUMN].equalsIgnoreCase(v4) || f[REMOTE_COLUMN].equalsIgnoreCase(v6))) {
                n++;
            }
        }
        return n;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    static String hexAddress(InetSocketAddress a) {
        byte[] b = a.getAddress().getAddress();
        StringBuilder s = new StringBuilder(b.length * 2);
        for (int w = 0; w < b.length; w += 4) {
            for (int i = 3; i >= 0; i--) {
                s.append(String.format(Locale.ROOT, "%02X", b[w + i] & 0xff));
            }
        }
        return s.toString();
    }

    private static String hexPort(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }
}
