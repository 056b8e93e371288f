package io.concbench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's TCP buffer memory for the whole machine, from /proc/net/sockstat ("TCP: ... mem N", in pages). */
final class KernelSockets {

    /** x86-64 and most arm64 kernels; sockstat counts in pages. */
    static final long PAGE_BYTES = 4096;

    private KernelSockets() {}

    /** TCP memory in bytes, or -1 when /proc/net/sockstat cannot be read. */
    static long tcpMemoryBytes() {
        try {
            return parse(Files.readString(Path.of("/proc/net/sockstat")));
        } catch (IOException e) {
            return -1;
        }
    }

    static long parse(String sockstat) {
        for (String line : sockstat.split("\n")) {
            if (line.startsWith("TCP:")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i + 1 < f.length; i++) {
                    if (f[i].equals("mem")) {
                        return Long.parseLong(f[i + 1]) * PAGE_BYTES;
                    }
                }
            }
        }
        return -1;
    }
}
