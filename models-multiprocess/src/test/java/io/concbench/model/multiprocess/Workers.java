package io.concbench.model.multiprocess;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.probe.ProcFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** What the tests of this module share: how workers are configured, and polling with a deadline. */
final class Workers {

    /** Model options of every test: none, so the tests run the default inner model (reactor, one loop). */
    static final Map<String, String> OPTIONS = Map.of();
    /** Short against the deadlines polled for, long enough not to busy the two cores the tests share. */
    private static final long POLL_MILLIS = 50;

    private Workers() {}

    static ServerConfig config(ServerConfig base, int workers) {
        return base.withWorkers(workers).withOptions(OPTIONS);
    }

    /** The same options as {@code serve} arguments. */
    static List<String> serveOptions() {
        List<String> args = new ArrayList<>();
        OPTIONS.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }

    /** Whether {@code pid} runs: exists and is not a zombie (an orphan's zombie lingers where pid 1 does not reap). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !ProcFields.statField(stat, 3).equals("Z");
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code why} after {@code timeout}. */
    static void awaitUntil(Duration timeout, BooleanSupplier condition, Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout.toSeconds() + " s: " + why.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
