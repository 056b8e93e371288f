package io.concbench.micro.switching;

import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One way to pass a token to the other thread of a pair and get it back. A round trip is two
 * handoffs: the pinger blocks until the ponger has answered, and the ponger blocks until the next
 * token, so every handoff wakes a blocked thread.
 *
 * <p>Not thread-safe beyond its pair: exactly one pinger calls {@link #roundTrip()} and exactly one
 * ponger runs {@link #serve()}.
 */
abstract sealed class Handoff {

    /** The token never changes: passing the same object keeps allocation and boxing out of the measurement. */
    static final Object TOKEN = new Object();

    /** @param name one of {@code synchronousQueue}, {@code exchanger}, {@code parkUnpark} */
    static Handoff named(String name) {
        return switch (name) {
            case "synchronousQueue" -> new Queues();
            case "exchanger" -> new Exchange();
            case "parkUnpark" -> new Park();
            default -> throw new IllegalArgumentException(
                    "handoff must be synchronousQueue, exchanger or parkUnpark, got " + name);
        };
    }

    /** Called once, before either thread starts. */
    void bind(Thread pinger, Thread ponger) {}

    /** Pinger side: hands the token over and returns when it has come back. */
    abstract void roundTrip() throws InterruptedException;

    /** Ponger side: hands back every token it receives; returns by throwing when interrupted. */
    abstract void serve() throws InterruptedException;

    /**
     * Two SynchronousQueues, one per direction. Since JDK 21 a SynchronousQueue spins briefly before
     * parking, so with a second core free some handoffs complete without a switch.
     */
    static final class Queues extends Handoff {
        private final SynchronousQueue<Object> there = new SynchronousQueue<>();
        private final SynchronousQueue<Object> back = new SynchronousQueue<>();

        @Override
        void roundTrip() throws InterruptedException {
            there.put(TOKEN);
            back.take();
        }

        @Override
        void serve() throws InterruptedException {
            while (true) {
                back.put(there.take());
            }
        }
    }

    /** One Exchanger: each exchange releases whichever side arrived first. It also spins before parking. */
    static final class Exchange extends Handoff {
        private final Exchanger<Object> exchanger = new Exchanger<>();

        @Override
        void roundTrip() throws InterruptedException {
            exchanger.exchange(TOKEN);
            exchanger.exchange(TOKEN);
        }

        @Override
        void serve() throws InterruptedException {
            while (true) {
                exchanger.exchange(TOKEN);
            }
        }
    }

    /** A turn flag with park/unpark and no spinning: every handoff that finds the peer parked is a real switch. */
    static final class Park extends Handoff {
        private volatile boolean pongsTurn;
        private Thread pinger;
        private Thread ponger;

        @Override
        void bind(Thread pinger, Thread ponger) {
            this.pinger = pinger;
            this.ponger = ponger;
        }

        @Override
        void roundTrip() throws InterruptedException {
            pongsTurn = true;
            LockSupport.unpark(ponger);
            while (pongsTurn) {
                parkInterruptibly();
            }
        }

        @Override
        void serve() throws InterruptedException {
            while (true) {
                while (!pongsTurn) {
                    parkInterruptibly();
                }
                pongsTurn = false;
                LockSupport.unpark(pinger);
            }
        }

        private void parkInterruptibly() throws InterruptedException {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
