package io.concbench.model.multiprocess;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.probe.ContextSwitches;
import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.probe.ProcessSample;
import io.concbench.harness.probe.Rusage;
import io.concbench.harness.result.Json;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running multiprocess server: N worker JVMs on one SO_REUSEPORT port, a reservation holding
 * that port, and a monitor thread that restarts a worker that dies.
 *
 * <p>Threading and lifecycle:
 * <ul>
 *   <li>{@link #start} returns only when every worker printed READY; if one fails, all are killed and
 *       the error names that worker and its last stderr lines.</li>
 *   <li>The monitor thread ({@code cb-multiprocess-monitor}) waits for worker exits and starts a
 *       replacement in the same slot; meanwhile the other workers keep accepting on the port. Slots
 *       change only under {@code lock}, and never after close() began, so close() stops every
 *       process ever started.</li>
 *   <li>{@link #stats} and {@link #collectGarbage} may be called from any thread; commands to the
 *       workers are serialized (one round at a time, all workers asked at once within a round).</li>
 *   <li>{@link #close} stops all workers in parallel ({@code stop}, then SIGTERM, then SIGKILL, each
 *       after a grace period), joins every thread it started and releases the port. Idempotent.</li>
 * </ul>
 */
final class Supervisor implements RunningServer {

    static final String WORKER_DEATHS = "workerDeaths";
    static final String WORKER_RESTARTS = "workerRestarts";
    static final String WORKER_RESTART_FAILURES = "workerRestartFailures";
    /** Milliseconds from a worker's exit to its replacement's READY: the last one, and the longest. */
    static final String WORKER_LAST_RESTART_MILLIS = "workerLastRestartMillis";
    static final String WORKER_MAX_RESTART_MILLIS = "workerMaxRestartMillis";
    /** Replacements that were the standby worker taking over (--standby on). */
    static final String WORKER_STANDBY_TAKEOVERS = "workerStandbyTakeovers";
    static final String WORKERS_ANSWERED = "workersAnswered";
    static final String TREE_PROCESSES = "treeProcesses";
    static final String TREE_RSS_BYTES = "treeRssBytes";
    static final String TREE_THREADS = "treeThreads";
    static final String TREE_CPU_NANOS = "treeCpuNanos";
    /** A figure a worker could not give (it did not answer). */
    static final long UNKNOWN = -1;

    /** What every READY line says; the rest of a worker's READY is what its inner model says of itself. */
    private static final Set<String> COMMON_READY_KEYS = Set.of("model", "port", "pid", "bind", "jdk", "vm",
            "availableProcessors", "chain", "middlewares");

    private final MultiprocessOptions options;
    private final PortReservation reservation;
    private final WorkerCommand command;
    private final String archiveFact;
    private final Object lock = new Object();
    private final Worker[] workers;                  // guarded by lock
    private boolean closing;                         // guarded by lock; once set, no worker starts
    private Worker standby;                          // guarded by lock; started, not listening, or null
    private final BlockingQueue<Worker> exits = new LinkedBlockingQueue<>();
    private final AtomicLong deaths = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong restartFailures = new AtomicLong();
    private final AtomicLong lastRestartMillis = new AtomicLong(-1);
    private final AtomicLong maxRestartMillis = new AtomicLong(-1);
    private final AtomicLong takeovers = new AtomicLong();
    private final ReentrantLock commands = new ReentrantLock();
    private final Thread monitor;
    private volatile Map<String, Object> innerFacts = Map.of();
    private volatile ServerStats atClose;            // the last figures, once the workers were told to stop

    private Supervisor(MultiprocessOptions options, PortReservation reservation, WorkerCommand command, int workers)
            throws InterruptedIOException {
        this.options = options;
        this.reservation = reservation;
        Path archive = null;
        if (options.cds()) {
            try {
                archive = WorkerArchive.ensure(Path.of(System.getProperty("java.io.tmpdir"), WorkerArchive.DIRECTORY),
                        command, options.readyTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the class-data archive was made");
            }
        }
        this.command = archive == null ? command : command.withArchive(archive);
        this.archiveFact = archive != null ? archive.toString()
                : options.cds() ? "none: it could not be made here (see stderr), or the class path is not jars only, or the JVM flags choose their own"
                : "off (--cds off)";
        this.workers = new Worker[workers];
        this.monitor = Thread.ofPlatform().daemon().name("cb-multiprocess-monitor").unstarted(this::superviseWorkers);
    }

    /** Reserves the port, starts {@code workers} worker JVMs on it and waits until all are ready. */
    static Supervisor start(ServerConfig config, int workers, MultiprocessOptions options) throws IOException {
        PortReservation reservation = PortReservation.reserve(config.bindAddress(), config.port());
        Supervisor s;
        try {
            s = new Supervisor(options, reservation, WorkerCommand.of(config, reservation.port(), options, workers), workers);
            s.startWorkers();
        } catch (IOException | RuntimeException e) {
            reservation.close();
            throw e;
        }
        s.monitor.start();
        s.spawnStandby();
        return s;
    }

    private void startWorkers() throws IOException {
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        try {
            synchronized (lock) {
                for (int i = 0; i < workers.length; i++) {
                    workers[i] = spawn(i);
                }
            }
            for (Worker w : workers) {
                Map<String, Object> ready = w.awaitReady(deadline);
                requireOurPort(w, ready);
                if (w.slot() == 0) {
                    innerFacts = innerFacts(ready);
                }
            }
        } catch (IOException | RuntimeException e) {
            killAll();
            throw e;
        } catch (InterruptedException e) {
            killAll();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the workers started");
        }
    }

    /** Starts the spare worker JVM that waits, not listening, to replace one that dies; only with --standby on. */
    private void spawnStandby() {
        synchronized (lock) {
            if (closing || !options.standby() || standby != null) {
                return;
            }
            try {
                standby = Worker.start(Worker.NO_SLOT, command.standbyBuilder(), exits::add);
            } catch (IOException e) {
                System.err.println("multiprocess: cannot start a standby worker: " + e.getMessage());
            }
        }
    }

    private Worker spawn(int slot) throws IOException {
        return Worker.start(slot, command.processBuilder(), exits::add);
    }

    private void requireOurPort(Worker w, Map<String, Object> ready) throws IOException {
        Object port = ready.get("port");
        if (!(port instanceof Number n) || n.intValue() != reservation.port()) {
            throw new IOException("worker " + (w.slot() + 1) + " (pid " + w.pid() + ") listens on port " + port
                    + ", not on " + reservation.port() + "; inner model '" + options.inner() + "' ignores --port");
        }
    }

    private void killAll() {
        List<Worker> started;
        synchronized (lock) {
            started = current();
        }
        started.forEach(Worker::kill);
    }

    // ---- supervision ---------------------------------------------------------------------------

    private void superviseWorkers() {
        try {
            while (true) {
                Worker dead = exits.take();
                boolean spare;
                synchronized (lock) {
                    if (closing) {
                        return;
                    }
                    spare = dead == standby;
                    if (spare) {
                        standby = null;
                    } else if (dead.slot() == Worker.NO_SLOT || workers[dead.slot()] != dead) {
                        continue;                        // a replacement that never started; already counted
                    }
                }
                if (spare) {
                    System.err.println("multiprocess: the standby worker (pid " + dead.pid() + ") exited with code "
                            + dead.exitCode() + "; starting another");
                    Thread.sleep(options.restartBackoff().toMillis());
                    spawnStandby();
                    continue;
                }
                deaths.incrementAndGet();
                System.err.println("multiprocess: worker " + (dead.slot() + 1) + " (pid " + dead.pid()
                        + ") exited with code " + dead.exitCode() + "; starting a replacement");
                replace(dead.slot());
            }
        } catch (InterruptedException e) {
            // close() ends supervision
        }
    }

    /** Starts workers for {@code slot} until one is ready or close() begins. */
    private void replace(int slot) throws InterruptedException {
        long diedNanos = System.nanoTime();
        if (takeOver(slot, diedNanos)) {
            return;
        }
        while (true) {
            Worker candidate = null;
            synchronized (lock) {
                if (closing) {
                    return;
                }
                try {
                    candidate = spawn(slot);
                    workers[slot] = candidate;
                } catch (IOException e) {
                    System.err.println("multiprocess: cannot start a worker: " + e.getMessage());
                }
            }
            if (candidate != null) {
                try {
                    candidate.awaitReady(System.nanoTime() + options.readyTimeout().toNanos());
                    restarts.incrementAndGet();
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - diedNanos);
                    lastRestartMillis.set(millis);
                    maxRestartMillis.accumulateAndGet(millis, Math::max);
                    System.err.println("multiprocess: worker " + (slot + 1) + " restarted as pid " + candidate.pid());
                    spawnStandby();
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println("multiprocess: replacement " + e.getMessage());
                    candidate.kill();
                }
            }
            restartFailures.incrementAndGet();
            Thread.sleep(options.restartBackoff().toMillis());
        }
    }

    /** The standby, if one stands ready, becomes the worker of {@code slot}; false when there is none or it failed. */
    private boolean takeOver(int slot, long diedNanos) throws InterruptedException {
        Worker spare;
        synchronized (lock) {
            if (closing || standby == null || !standby.isStanding()) {
                return false;
            }
            spare = standby;
            standby = null;
            workers[slot] = spare;
        }
        try {
            spare.takeOver(slot);
            spare.awaitReady(System.nanoTime() + options.readyTimeout().toNanos());
        } catch (IOException | RuntimeException e) {
            System.err.println("multiprocess: standby " + e.getMessage());
            spare.kill();
            return false;
        }
        restarts.incrementAndGet();
        takeovers.incrementAndGet();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - diedNanos);
        lastRestartMillis.set(millis);
        maxRestartMillis.accumulateAndGet(millis, Math::max);
        System.err.println("multiprocess: worker " + (slot + 1) + " restarted as pid " + spare.pid() + " (the standby)");
        spawnStandby();
        return true;
    }

    // ---- RunningServer -------------------------------------------------------------------------

    @Override
    public int port() {
        return reservation.port();
    }

    /**
     * The sum over the workers that answered, with each one's share (named {@code pid-<pid>}) and
     * {@link #WORKER_DEATHS}, {@link #WORKER_RESTARTS}, {@link #WORKER_RESTART_FAILURES},
     * {@link #WORKERS_ANSWERED} and the process-tree figures ({@code tree*}) as counters. A worker's
     * counts die with it, so totals drop when a worker is replaced; the death counter says when.
     * {@code peakInFlight} is the sum of the workers' peaks: an upper bound on the most requests in
     * flight at once, exact when the peaks coincide, as under a steady load. Context switches are the
     * tree's ({@link #treeSwitches}), exited workers included. After close(): the last
     * figures, with nothing open or in flight.
     */
    @Override
    public ServerStats stats() {
        ServerStats last = atClose;
        if (last != null) {
            return last;
        }
        return statsOfWorkers();
    }

    private ServerStats statsOfWorkers() {
        List<Worker> ready;
        synchronized (lock) {
            ready = readyWorkers();
        }
        // Read the exited workers' switches before asking the live ones: a worker that exits after
        // answering is then counted once (in its answer), and one that exits before answering leaves
        // the tree's figure unknown, never counted twice or not at all.
        Optional<ContextSwitches> reaped = Rusage.children();
        Map<Long, ServerStats> byPid = new LinkedHashMap<>();
        ask(ready, "stats", options.statsTimeout()).forEach((w, line) -> {
            try {
                byPid.put(w.pid(), Json.MAPPER.readValue(line, ServerStats.class));
            } catch (IOException e) {
                System.err.println("multiprocess: worker pid " + w.pid() + " answered stats with '" + line + "'");
            }
        });
        return sum(byPid, ownCounters(byPid.size()))
                .withContextSwitches(treeSwitches(Rusage.self(), reaped, byPid, ready.size()));
    }

    /**
     * The tree's context switches: this process's, its exited workers' (RUSAGE_CHILDREN) and each
     * live worker's own. Null unless every ready worker answered with its figure: a sum with a
     * worker missing would fall, and compare takes differences of these figures.
     */
    static ContextSwitches treeSwitches(Optional<ContextSwitches> self, Optional<ContextSwitches> reaped,
                                        Map<Long, ServerStats> byPid, int asked) {
        if (self.isEmpty() || reaped.isEmpty() || byPid.size() != asked) {
            return null;
        }
        ContextSwitches sum = self.get().plus(reaped.get());
        for (ServerStats s : byPid.values()) {
            if (s.contextSwitches() == null) {
                return null;
            }
            sum = sum.plus(s.contextSwitches());
        }
        return sum;
    }

    /**
     * The supervisor's own report first (it is part of the model's memory, if a small part), then each
     * ready worker's in slot order; the totals are their sums ({@link MemoryReport#sumOf}), so a figure
     * is {@link #UNKNOWN} when a worker did not answer. RSS sums count pages the processes share (the JDK's class-data archive) once per process.
     */
    @Override
    public MemoryReport collectGarbage() {
        List<Worker> ready;
        synchronized (lock) {
            ready = atClose != null ? List.of() : readyWorkers();
        }
        Map<Worker, String> answers = ask(ready, "gc", options.gcTimeout());
        List<MemoryReport> parts = new ArrayList<>();
        parts.add(MemoryReport.ofThisProcess());
        for (Worker w : ready) {
            parts.add(memoryOf(w, answers.get(w)));
        }
        return MemoryReport.sumOf(parts);
    }

    private static MemoryReport memoryOf(Worker w, String answer) {
        if (answer != null) {
            try {
                return Json.MAPPER.readValue(answer, MemoryReport.class);
            } catch (IOException e) {
                System.err.println("multiprocess: worker pid " + w.pid() + " answered gc with '" + answer + "'");
            }
        }
        long rss = ProcessProbe.sample(w.pid()).map(ProcessSample::rssBytes).orElse(UNKNOWN);
        return new MemoryReport(UNKNOWN, rss, UNKNOWN, UNKNOWN, UNKNOWN, List.of());
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("inner", options.inner());
        f.put("innerWorkers", options.innerWorkers());
        f.put("workers", workers.length);
        f.put("workerPids", workerPids());
        f.put("accept", "SO_REUSEPORT: every worker listens on the port; the kernel hashes each new connection to one");
        f.put("processTree", "memory and CPU of this model are sums over this pid and its descendants"
                + " (ProcessProbe.tree); stats reports them as counters " + TREE_RSS_BYTES + ", " + TREE_CPU_NANOS + ", ...");
        f.put("peakInFlight", "sum of the workers' peaks: an upper bound on the most requests in flight at once");
        f.put("innerFacts", innerFacts);
        f.put("workerJvmFlags", command.flags().kept());
        f.put("workerArchive", archiveFact);
        f.put("standby", options.standby()
                ? "on: one more worker JVM waits, not listening, to replace one that dies; it is counted in the process tree"
                : "off (--standby on keeps one)");
        synchronized (lock) {
            if (standby != null && standby.isStanding()) {
                f.put("standbyPid", standby.pid());
            }
        }
        if (!command.flags().dropped().isEmpty()) {
            f.put("workerJvmFlagsDropped", command.flags().dropped());
        }
        return f;
    }

    /** The pid of each slot's current worker, in slot order. */
    List<Long> workerPids() {
        synchronized (lock) {
            return current().stream().map(Worker::pid).toList();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;                              // before anything slow: a worker that dies now stays dead
        }
        ServerStats last = statsOfWorkers();
        List<Worker> stopping;
        synchronized (lock) {
            atClose = last.withNothingOpen();
            stopping = current();
            if (standby != null) {
                stopping.add(standby);
                standby = null;
            }
        }
        monitor.interrupt();
        stopping.forEach(Worker::requestStop);           // all at once, so that they stop in parallel
        for (Worker w : stopping) {
            w.awaitStop(options.stopGrace());
        }
        try {
            monitor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reservation.close();
    }

    // ---- commands and sums ---------------------------------------------------------------------

    /** Sends {@code command} to every target, then collects the answers that come within {@code timeout}. */
    private Map<Worker, String> ask(List<Worker> targets, String command, Duration timeout) {
        Map<Worker, String> answers = new LinkedHashMap<>();
        commands.lock();
        try {
            List<Worker> asked = new ArrayList<>();
            for (Worker w : targets) {
                try {
                    w.send(command);
                    asked.add(w);
                } catch (IOException gone) {
                    // It died since the snapshot; the monitor counts and replaces it.
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Worker w : asked) {
                try {
                    answers.put(w, w.awaitReply(deadline));
                } catch (IOException e) {
                    System.err.println("multiprocess: " + command + ": " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commands.unlock();
        }
        return answers;
    }

    private Map<String, Long> ownCounters(int answered) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put(WORKERS_ANSWERED, (long) answered);
        c.put(WORKER_DEATHS, deaths.get());
        c.put(WORKER_RESTARTS, restarts.get());
        c.put(WORKER_RESTART_FAILURES, restartFailures.get());
        c.put(WORKER_STANDBY_TAKEOVERS, takeovers.get());
        if (lastRestartMillis.get() >= 0) {
            c.put(WORKER_LAST_RESTART_MILLIS, lastRestartMillis.get());
            c.put(WORKER_MAX_RESTART_MILLIS, maxRestartMillis.get());
        }
        ProcessProbe.tree(ProcessHandle.current().pid()).ifPresent(t -> {
            c.put(TREE_PROCESSES, (long) t.processes());
            c.put(TREE_RSS_BYTES, t.rssBytes());
            c.put(TREE_THREADS, t.threads());
            c.put(TREE_CPU_NANOS, t.cpuNanos());
        });
        return c;
    }

    /**
     * Workers' stats summed ({@link ServerStats#plus}), each worker's share kept (connections accepted,
     * requests), then {@code own} counters put over theirs. Pure; {@code byPid} in slot order.
     */
    static ServerStats sum(Map<Long, ServerStats> byPid, Map<String, Long> own) {
        ServerStats total = ServerStats.NONE;
        List<ServerStats.WorkerShare> shares = new ArrayList<>();
        for (Map.Entry<Long, ServerStats> e : byPid.entrySet()) {
            ServerStats s = e.getValue();
            total = total.plus(s);
            shares.add(new ServerStats.WorkerShare(shareName(e.getKey()), s.connectionsAccepted(), s.requests()));
        }
        Map<String, Long> counters = new HashMap<>(total.counters());
        counters.putAll(own);
        return total.withWorkers(shares).withCounters(counters);
    }

    static String shareName(long pid) {
        return "pid-" + pid;
    }

    private static Map<String, Object> innerFacts(Map<String, Object> ready) {
        Map<String, Object> f = new LinkedHashMap<>(ready);
        f.keySet().removeAll(COMMON_READY_KEYS);
        return f;
    }

    /** Non-null slots, in slot order. Caller holds lock. */
    private List<Worker> current() {
        List<Worker> list = new ArrayList<>();
        for (Worker w : workers) {
            if (w != null) {
                list.add(w);
            }
        }
        return list;
    }

    /** Caller holds lock. */
    private List<Worker> readyWorkers() {
        return current().stream().filter(Worker::isReady).toList();
    }
}
