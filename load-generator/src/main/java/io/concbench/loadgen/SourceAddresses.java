package io.concbench.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code --source-addresses}: IPv4 addresses to bind connections to, round-robin, so one
 * destination can take more connections than one source address has local ports (about 28,000 on
 * Linux's default range). A list {@code 127.0.0.1,127.0.0.2} or a range {@code 127.0.0.1-127.0.0.8}
 * (last octet only), or both mixed. Every address must be configured locally; on Linux all of
 * 127.0.0.0/8 is.
 */
public final class SourceAddresses {

    /** A longer list is almost surely a typo in a range. */
    static final int MAX_ADDRESSES = 256;

    private SourceAddresses() {}

    public static List<InetAddress> parse(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(ipv4(p, text));
                continue;
            }
            byte[] from = ipv4(p.substring(0, dash), text).getAddress();
            byte[] to = ipv4(p.substring(dash + 1), text).getAddress();
            if (from[0] != to[0] || from[1] != to[1] || from[2] != to[2] || (to[3] & 0xff) < (from[3] & 0xff)) {
                throw new IllegalArgumentException("--source-addresses " + p
                        + ": a range varies the last part only and ascends, e.g. 127.0.0.1-127.0.0.8");
            }
            for (int last = from[3] & 0xff; last <= (to[3] & 0xff); last++) {
                out.add(ipv4(from[0], from[1], from[2], last));
            }
        }
        if (out.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("--source-addresses names " + out.size() + " addresses; at most " + MAX_ADDRESSES);
        }
        return List.copyOf(out);
    }

    /**
     * The loopback range that gives {@code connections} towards one server port enough local ports
     * ({@code "127.0.0.1-127.0.0.k"}), or null when one address's port range is enough or unknown.
     */
    public static String loopbackRangeFor(long connections) {
        int ports = SystemLimits.localPorts();
        if (ports <= 0 || connections <= ports) {
            return null;
        }
        long k = (connections + ports - 1) / ports;
        return k > MAX_ADDRESSES - 1 ? null : "127.0.0.1-127.0.0." + k;
    }

    private static InetAddress ipv4(String s, String whole) {
        String[] octets = s.trim().split("\\.", -1);
        if (octets.length == 4) {
            try {
                int[] v = new int[4];
                for (int i = 0; i < 4; i++) {
                    v[i] = Integer.parseInt(octets[i]);
                    if (v[i] < 0 || v[i] > 255) {
                        throw new NumberFormatException();
                    }
                }
                return ipv4(v[0], v[1], v[2], v[3]);
            } catch (NumberFormatException e) {
                // falls through to the one message
            }
        }
        throw new IllegalArgumentException("--source-addresses '" + whole + "': '" + s.trim()
                + "' is not an IPv4 address; give a list or a range, e.g. 127.0.0.1-127.0.0.8");
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // four bytes are always a valid address
        }
    }
}
