package io.concbench.model.epoll;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native layer: layouts, the unavailable messages, and one real epoll round trip decoded from native memory. */
class LinuxTest {

    @Test
    void epollEventIsPackedOnX86AndAlignedOnAarch64AndRefusedElsewhere() {
        assertEquals(12, Linux.eventSize("amd64"));
        assertEquals(12, Linux.eventSize("x86_64"));
        assertEquals(16, Linux.eventSize("aarch64"));
        assertEquals(0, Linux.eventSize("riscv64"));
    }

    @Test
    void unavailablePlatformsGetOneLineSayingWhatToDo() {
        assertEquals("needs JDK 22+ (java.lang.foreign is final from 22); this is JDK 21:"
                + " run concbench with a newer JDK or pick another model (reactor)", Linux.platformProblem(21, "Linux", "amd64"));
        assertEquals("needs Linux (epoll); this is Mac OS X: pick another model (reactor)",
                Linux.platformProblem(25, "Mac OS X", "aarch64"));
        assertEquals("runs on x86_64 and aarch64 only (the epoll_event layout is checked there); this is riscv64:"
                + " pick another model (reactor)", Linux.platformProblem(25, "Linux", "riscv64"));
        assertEquals("", Linux.platformProblem(22, "Linux", "aarch64"));
    }

    @Test
    void theModelIsAvailableWhereTheTestsRun() {
        assertEquals("", Linux.unavailableReason(), "these tests run on JDK 25, Linux, x86_64 or aarch64");
    }

    @Test
    void anEventfdSignalComesBackFromEpollWaitWithItsFdAndEpollin() {
        try (Linux.Calls sys = new Linux.Calls()) {
            int ep = sys.epollCreate();
            int efd = sys.eventfd();
            assertTrue(ep >= 0 && efd >= 0);
            try {
                assertEquals(0, sys.epollCtl(ep, Linux.EPOLL_CTL_ADD, efd, Linux.EPOLLIN));
                assertEquals(0, sys.epollWait(ep, sys.allocate(4 * Linux.eventSize()), 0), "nothing signalled yet");
                assertEquals(8, sys.signal(efd));
                Linux.NativeBuffer events = sys.allocate(4 * Linux.eventSize());
                assertEquals(1, sys.epollWait(ep, events, 1_000));
                assertEquals(Linux.EPOLLIN, events.view().getInt(0));
                assertEquals(efd, events.view().getLong(Linux.eventDataOffset()));
                assertEquals(8, sys.drain(efd));
                assertEquals(0, sys.epollWait(ep, events, 0), "level-triggered: drained, no longer ready");
            } finally {
                sys.close(efd);
                sys.close(ep);
            }
        }
    }

    @Test
    void aFailedCallReportsItsErrno() {
        try (Linux.Calls sys = new Linux.Calls()) {
            assertEquals(-1, sys.close(-1));
            assertEquals(9, sys.errno());
            assertEquals("close: EBADF", sys.failure("close").getMessage());
        }
    }

    @Test
    void everyAddressIsCheckedAgainstItsBuffer() {
        try (Linux.Calls sys = new Linux.Calls()) {
            Linux.NativeBuffer b = sys.allocate(16);
            assertEquals(b.base() + 4, b.address(4, 12));
            assertThrows(IndexOutOfBoundsException.class, () -> b.address(4, 13));
            assertThrows(IndexOutOfBoundsException.class, () -> b.address(-1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.address(0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> sys.read(0, b, 8, 9));
        }
    }

    @Test
    void sockaddrInHasNativeFamilyAndNetworkOrderPort() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(Linux.SOCKADDR_MAX).order(ByteOrder.nativeOrder());
        assertEquals(16, EpollServer.sockaddr(b, InetAddress.getByName("127.0.0.1"), 8080));
        assertEquals(Linux.AF_INET, b.getShort(0));
        assertEquals(0x1f, b.get(2));
        assertEquals((byte) 0x90, b.get(3));
        assertEquals(127, b.get(4));
        assertEquals(1, b.get(7));
        assertEquals(28, EpollServer.sockaddr(b, InetAddress.getByName("::1"), 80));
        assertEquals(Linux.AF_INET6, b.getShort(0));
        assertEquals(1, b.get(23));
    }
}
