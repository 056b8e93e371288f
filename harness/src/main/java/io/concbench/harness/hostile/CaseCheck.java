package io.concbench.harness.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one corpus case on a fresh connection and compares what comes back with what is documented:
 * the exact statuses in order, {@code Connection: close} on the last one, then the server's close
 * (or, when the client half-closed, end of input with nothing more).
 */
public final class CaseCheck {

    private final InetSocketAddress server;
    private final int timeoutMillis;

    /**
     * @param server where to connect
     * @param timeoutMillis how long to wait for an answer or the close; a longer silence is a deviation
     */
    public CaseCheck(InetSocketAddress server, int timeoutMillis) {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("the timeout must be at least 1 ms, got " + timeoutMillis);
        }
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /** The deviations from the documented answer, each one line naming the case; empty when it was answered as documented. */
    public List<String> check(HostileCorpus.Case c) {
        List<String> deviations = new ArrayList<>();
        try (Wire wire = new Wire(server, timeoutMillis)) {
            wire.send(c.bytes());
            if (c.clientCloses()) {
                wire.shutdownOutput();
            }
            for (int i = 0; i < c.statuses().size(); i++) {
                int documented = c.statuses().get(i);
                Wire.Answer a;
                try {
                    a = wire.read();
                } catch (SocketTimeoutException e) {
                    deviations.add(c.name() + ": no answer " + (i + 1) + " within " + timeoutMillis + " ms (documented " + documented + ")");
                    return deviations;
                } catch (IOException e) {
                    deviations.add(c.name() + ": answer " + (i + 1) + " (documented " + documented + "): " + e.getMessage());
                    return deviations;
                }
                if (a.status() != documented) {
                    deviations.add(c.name() + ": answer " + (i + 1) + " is " + a.status() + ", documented " + documented);
                }
                if (i == c.statuses().size() - 1 && !c.clientCloses() && !"close".equals(a.header("Connection"))) {
                    deviations.add(c.name() + ": answer " + (i + 1) + " lacks Connection: close (it has "
                            + (a.header("Connection") == null ? "none" : a.header("Connection")) + ")");
                }
            }
            if (c.clientCloses()) {
                int b;
                try {
                    b = wire.readByte();
                } catch (SocketTimeoutException e) {
                    deviations.add(c.name() + ": connection left open " + timeoutMillis + " ms after the client's end of input");
                    return deviations;
                }
                if (b != -1) {
                    deviations.add(c.name() + ": the server answered more than it was asked");
                }
            } else if (!wire.closedByServer()) {
                deviations.add(c.name() + ": connection left open " + timeoutMillis + " ms after the answer");
            }
        } catch (IOException e) {
            deviations.add(c.name() + ": " + e.getMessage());
        }
        return deviations;
    }
}
