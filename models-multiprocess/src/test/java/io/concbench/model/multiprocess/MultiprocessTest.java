package io.concbench.model.multiprocess;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.TestClient;
import io.concbench.harness.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.concbench.model.multiprocess.Workers.awaitUntil;
import static io.concbench.model.multiprocess.Workers.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour only several processes have: spreading, sums over workers, restart, and dying with the supervisor. */
class MultiprocessTest {

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_EXIT_TIMEOUT = Duration.ofSeconds(20);

    private static RunningServer start(int workers) throws IOException {
        return new MultiprocessModel().start(Workers.config(ServerConfig.defaults(), workers));
    }

    @SuppressWarnings("unchecked")
    private static List<Long> workerPids(Map<String, Object> facts) {
        return ((List<Number>) facts.get("workerPids")).stream().map(Number::longValue).toList();
    }

    private static long counter(RunningServer server, String name) {
        return server.stats().counters().getOrDefault(name, -1L);
    }

    private static void plaintextOnNewConnections(int port, int connections) throws IOException {
        for (int i = 0; i < connections; i++) {
            try (TestClient c = new TestClient(port)) {
                TestClient.Reply r = c.exchange("/plaintext");
                assertEquals(200, r.status(), "connection " + i);
                assertEquals("Hello, World!", r.body(), "connection " + i);
            }
        }
    }

    @Test
    void twoWorkersShareTwoHundredConnections() throws IOException {
        try (RunningServer server = start(2)) {
            plaintextOnNewConnections(server.port(), 200);
            ServerStats s = server.stats();
            List<Long> pids = workerPids(server.facts());
            assertEquals(pids.stream().map(Supervisor::shareName).toList(),
                    s.workers().stream().map(ServerStats.WorkerShare::name).toList());
            for (ServerStats.WorkerShare w : s.workers()) {
                assertTrue(w.connections() > 0, "SO_REUSEPORT gave " + w.name() + " no connection of 200: " + s.workers());
            }
            assertEquals(200, s.workers().stream().mapToLong(ServerStats.WorkerShare::connections).sum());
            assertEquals(200, s.connectionsAccepted());
            assertEquals(200, s.requests());
            assertEquals(200, s.workers().stream().mapToLong(ServerStats.WorkerShare::requests).sum());
            assertEquals(2, s.counters().get(Supervisor.WORKERS_ANSWERED));
        }
    }

    @Test
    void theStandbyTakesOverADeadWorkersSlotAndAnotherStandbyStarts() throws Exception {
        ServerConfig config = ServerConfig.defaults().withWorkers(2).withOptions(Map.of("standby", "on"));
        try (RunningServer server = new MultiprocessModel().start(config)) {
            List<Long> before = workerPids(server.facts());
            awaitUntil(RESTART_TIMEOUT, () -> server.facts().containsKey("standbyPid"), () -> "no standby: " + children());
            long spare = ((Number) server.facts().get("standbyPid")).longValue();
            assertEquals(3, children().size(), "two workers and the standby: " + children());
            plaintextOnNewConnections(server.port(), 100);
            assertEquals(0, server.stats().workers().stream()
                    .filter(w -> w.name().equals(Supervisor.shareName(spare))).count(), "the standby does not listen");

            ProcessHandle victim = ProcessHandle.of(before.get(0)).orElseThrow();
            assertTrue(victim.destroyForcibly());
            victim.onExit().get(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            awaitUntil(RESTART_TIMEOUT, () -> counter(server, Supervisor.WORKER_RESTARTS) == 1,
                    () -> "no restart; stats " + server.stats());

            assertEquals(List.of(spare, before.get(1)), workerPids(server.facts()), "the standby took slot 1");
            assertEquals(1, counter(server, Supervisor.WORKER_STANDBY_TAKEOVERS));
            awaitUntil(RESTART_TIMEOUT, () -> server.facts().containsKey("standbyPid"), () -> "no new standby: " + children());
            assertEquals(3, children().size(), "two workers and the new standby: " + children());
            plaintextOnNewConnections(server.port(), 200);
            assertTrue(server.stats().workers().stream().anyMatch(w -> w.name().equals(Supervisor.shareName(spare))
                    && w.connections() > 0), "the former standby took no connection of 200");
        }
        awaitUntil(ORPHAN_EXIT_TIMEOUT, () -> children().isEmpty(), () -> "left running: " + children());
    }

    private static List<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }

    @Test
    void killedWorkerIsReplacedWhileTheOtherKeepsServing() throws Exception {
        try (RunningServer server = start(2)) {
            List<Long> before = workerPids(server.facts());
            long victim = before.get(0);
            ProcessHandle handle = ProcessHandle.of(victim).orElseThrow();
            assertTrue(handle.destroyForcibly());
            // Once it has exited, its listener has left the port's SO_REUSEPORT group.
            handle.onExit().get(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            plaintextOnNewConnections(server.port(), 100);

            awaitUntil(RESTART_TIMEOUT, () -> counter(server, Supervisor.WORKER_RESTARTS) == 1,
                    () -> "no restart; stats " + server.stats());
            List<Long> after = workerPids(server.facts());
            assertEquals(2, after.size());
            assertFalse(after.contains(victim), "the killed pid is still listed: " + after);
            assertEquals(before.get(1), after.get(1), "the other worker was not touched");
            assertTrue(running(after.get(0)));
            ServerStats s = server.stats();
            assertEquals(1, s.counters().get(Supervisor.WORKER_DEATHS));
            assertEquals(1, s.counters().get(Supervisor.WORKER_RESTARTS));
            assertEquals(2, s.counters().get(Supervisor.WORKERS_ANSWERED));
            long restartMillis = s.counters().get(Supervisor.WORKER_LAST_RESTART_MILLIS);
            assertTrue(restartMillis >= 0, "exit to READY took " + restartMillis + " ms");
            assertEquals(restartMillis, s.counters().get(Supervisor.WORKER_MAX_RESTART_MILLIS));
            plaintextOnNewConnections(server.port(), 200);
            long replacementConnections = server.stats().workers().stream()
                    .filter(w -> w.name().equals(Supervisor.shareName(after.get(0))))
                    .mapToLong(ServerStats.WorkerShare::connections).sum();
            assertTrue(replacementConnections > 0, "the replacement took no connection of 200");
        }
    }

    @Test
    void killedSupervisorLeavesNoWorker(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), WorkerCommand.SERVE_MAIN,
                "--model", "multiprocess", "--workers", "2", "--port", "0"));
        command.addAll(Workers.serveOptions());
        Path stderr = dir.resolve("supervisor.stderr");
        Process supervisor = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<Long> pids = List.of();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
            String ready = assertTimeoutPreemptively(Duration.ofSeconds(90), out::readLine);
            assertTrue(ready != null && ready.startsWith("READY "), "no READY: " + ready + "; stderr: " + Files.readString(stderr));
            Map<String, Object> facts = Json.MAPPER.readValue(ready.substring("READY ".length()), Json.MAPPER.getTypeFactory()
                    .constructMapType(Map.class, String.class, Object.class));
            pids = workerPids(facts);
            assertEquals(2, pids.size());
            assertTrue(pids.stream().allMatch(Workers::running));
            plaintextOnNewConnections(((Number) facts.get("port")).intValue(), 10);

            supervisor.destroyForcibly();
            supervisor.waitFor();

            List<Long> workers = pids;
            awaitUntil(ORPHAN_EXIT_TIMEOUT, () -> workers.stream().noneMatch(Workers::running),
                    () -> "workers still running after the supervisor was killed: "
                            + workers.stream().filter(Workers::running).toList());
        } finally {
            supervisor.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void gcReachesEveryWorkerAndSums() throws IOException {
        try (RunningServer server = start(2)) {
            MemoryReport m = server.collectGarbage();
            assertEquals(3, m.processes().size(), "the supervisor, then each worker: " + m);
            for (MemoryReport p : m.processes()) {
                assertTrue(p.heapUsedBytes() > 0 && p.rssBytes() > 0, p.toString());
                assertEquals(List.of(), p.processes());
            }
            assertEquals(m.processes().stream().mapToLong(MemoryReport::heapUsedBytes).sum(), m.heapUsedBytes());
            assertEquals(m.processes().stream().mapToLong(MemoryReport::rssBytes).sum(), m.rssBytes());
        }
    }

    @Test
    void statsCarryTheProcessTree() throws IOException {
        try (RunningServer server = start(2)) {
            Map<String, Long> c = server.stats().counters();
            assertTrue(c.get(Supervisor.TREE_PROCESSES) >= 3, "this JVM and two workers at least: " + c);
            assertTrue(c.get(Supervisor.TREE_RSS_BYTES) > 0);
            assertTrue(c.get(Supervisor.TREE_THREADS) > 0);
            assertTrue(c.get(Supervisor.TREE_CPU_NANOS) > 0);
            assertEquals(0, c.get(Supervisor.WORKER_DEATHS));
            assertEquals(0, c.get(Supervisor.WORKER_RESTARTS));
        }
    }

    @Test
    void factsNameTheInnerModelAndEveryWorker() throws IOException {
        try (RunningServer server = start(2)) {
            Map<String, Object> f = server.facts();
            assertEquals(Workers.OPTIONS.getOrDefault("inner", MultiprocessOptions.DEFAULT_INNER), f.get("inner"));
            assertEquals(2, f.get("workers"));
            List<Long> pids = workerPids(f);
            assertEquals(2, pids.size());
            assertTrue(pids.stream().allMatch(Workers::running));
            assertEquals(JvmFlags.QUIET_STDOUT, ((List<?>) f.get("workerJvmFlags")).subList(0, JvmFlags.QUIET_STDOUT.size()));
        }
    }

    @Test
    void closeStopsEveryWorker() throws IOException {
        RunningServer server = start(2);
        List<Long> pids = workerPids(server.facts());
        server.close();
        assertEquals(List.of(), pids.stream().filter(Workers::running).toList());
        assertEquals(List.of(), workerPids(server.facts()).stream().filter(Workers::running).toList());
    }

    @Test
    void workerThatRefusesAnOptionFailsStartWithItsMessage() {
        Map<String, String> options = new HashMap<>(Workers.OPTIONS);
        options.put("no-such-option", "1");
        ServerConfig config = ServerConfig.defaults().withWorkers(2).withOptions(options);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiprocessModel().start(config));
        assertTrue(e.getMessage().contains("exited with code 2 before READY"), e.getMessage());
        assertTrue(e.getMessage().contains("no option --no-such-option"), e.getMessage());
    }

    @Test
    void unknownInnerModelFailsBeforeAnyWorkerStarts() {
        ServerConfig config = ServerConfig.defaults().withOptions(Map.of("inner", "nosuch"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiprocessModel().start(config));
        assertTrue(e.getMessage().startsWith("unknown model 'nosuch'"), e.getMessage());
    }

    @Test
    void multiprocessCannotBeItsOwnInnerModel() {
        ServerConfig config = ServerConfig.defaults().withOptions(Map.of("inner", "multiprocess"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiprocessModel().start(config));
        assertTrue(e.getMessage().contains("--inner multiprocess"), e.getMessage());
    }

    @Test
    void fixedPortHeldByAnotherServerFailsWithBindException() throws IOException {
        try (ServerSocketChannel other = ServerSocketChannel.open()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
            ServerConfig config = Workers.config(ServerConfig.defaults(), 2).withPort(port);
            assertThrows(BindException.class, () -> new MultiprocessModel().start(config));
        }
    }
}
