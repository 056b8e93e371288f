package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeWaitSocketsTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void countsOnlyTimeWaitSocketsWhoseRemoteEndIsTheTarget() {
        // 0x46A3 = 18083; 0100007F = 127.0.0.1 with each 32-bit word in host (little-endian) order.
        List<String> tcp = List.of(HEADER,
                "   0: 0100007F:D2F0 0100007F:46A3 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0",
                "   1: 0100007F:D2F1 0100007F:46A3 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0",
                "   2: 0100007F:D2F2 0100007F:46A3 01 00000000:00000000 00:00000000 00000000     0        0 7 1 0",
                "   3: 0100007F:46A3 0100007F:D2F3 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0",
                "   4: 0100007F:D2F4 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0");
        assertEquals(2, TimeWaitSockets.count(tcp, new InetSocketAddress("127.0.0.1", 18083)),
                "established, server-side and other-port sockets do not count");
    }

    @Test
    void readsIpv4TargetsInTheTcp6TableAsMappedAddresses() {
        List<String> tcp6 = List.of(HEADER,
                "   0: 0000000000000000FFFF00000100007F:D2F0 0000000000000000FFFF00000100007F:46A3 06 0:0 03:1 0 0 0 0 3 0");
        assertEquals(1, TimeWaitSockets.count(tcp6, new InetSocketAddress("127.0.0.1", 18083)));
    }

    @Test
    void ipv6AddressesArePrintedWordByWordInHostOrder() {
        assertEquals("0100007F", TimeWaitSockets.hexAddress(new InetSocketAddress("127.0.0.1", 1)));
        assertEquals("00000000000000000000000001000000", TimeWaitSockets.hexAddress(new InetSocketAddress("::1", 1)));
    }
}
