package io.concbench.compare;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** compare's options: the defaults a bare {@code concbench compare} runs, and a bad value naming its flag. */
class CompareOptionsTest {

    @Test
    void defaultsAreTheOnesTheCommandDocuments() {
        CompareOptions o = CompareOptions.defaults();
        assertEquals(List.of("plaintext", "io", "memory"), o.workloads());
        assertEquals(List.of(Workload.PLAINTEXT, Workload.IO, Workload.MEMORY), o.workloadKinds());
        assertEquals(List.of(100), o.connections());
        assertEquals(List.of(10_000), o.memoryConnections());
        assertEquals(Duration.ofSeconds(4), o.duration());
        assertEquals(Duration.ofSeconds(2), o.warmup());
        assertEquals(1, o.repeats());
        assertEquals(0, o.rate());
        assertEquals("1g", o.heap());
        assertEquals("builtin", o.driver());
        assertEquals(1, o.clientThreads());
        assertEquals(0, o.requests());
        assertEquals(Launcher.currentJava(), o.serverJava());
        String[] split = CompareOptions.defaultSplit(Runtime.getRuntime().availableProcessors());
        assertEquals(List.of(split[0], split[1]), List.of(o.serverCpus(), o.clientCpus()));
    }

    @Test
    void blockingModelsComeFirstThenTheRestInTheOrderGiven() {
        assertEquals(List.of("threadpool", "virtual", "reactor", "broken"),
                CompareOptions.defaultModelOrder(List.of("broken", "reactor", "virtual", "threadpool")));
    }

    @Test
    void nettyRunsOnlyWhenNamed() {
        assertEquals(List.of("reactor"), CompareOptions.defaultModelOrder(List.of("netty", "reactor")));
        assertEquals(List.of("reactor"), CompareOptions.defaultModelOrder(List.of("epoll", "reactor")));
        assertEquals(List.of("netty", "reactor"), CompareOptions.defaults().withModels(List.of("netty", "reactor")).models());
    }

    @Test
    void aRepeatedWorkloadRunsOnceAndIsSpelledByItsId() {
        assertEquals(List.of("plaintext", "memory"),
                CompareOptions.defaults().withWorkloads(List.of("plaintext", " Memory", "plaintext")).workloads());
    }

    @Test
    void aJdkDirectoryMeansItsBinJava() {
        Path java = Launcher.currentJava();
        Path jdk = java.getParent().getParent();
        assertEquals(jdk.resolve("bin").resolve("java"), CompareOptions.defaults().withServerJava(jdk).serverJava());
    }

    @Test
    void aBadValueNamesItsFlag() {
        CompareOptions o = CompareOptions.defaults();
        assertEquals("--models: unknown model 'nope'", message(() -> o.withModels(List.of("nope"))).split(";")[0]);
        assertEquals("--duration must be a whole number of seconds, e.g. 5s; got PT0.5S",
                message(() -> o.withDuration(Duration.ofMillis(500))));
        assertEquals("--connections must be at least 1, got 0", message(() -> o.withConnections(List.of(0))));
        assertEquals("--requests counts a closed-loop run; with --rate use --duration",
                message(() -> o.withRate(100).withRequests(10)));
        assertEquals("--heap must look like 512m or 1g, got lots", message(() -> o.withHeap("lots")));
        assertEquals("--driver must be one of builtin, wrk, h2load, got ab", message(() -> o.withDriver("ab")));
        assertEquals("--java /nonexistent: no executable java there; give a java binary or a JDK directory",
                message(() -> o.withServerJava(Path.of("/nonexistent"))));
        assertEquals("--disturbed-above must be a percentage of one core, 0 or more (e.g. 10), got -1.0",
                message(() -> o.withDisturbedAbovePercent(-1)));
        assertEquals("--crosscheck checks the built-in client against wrk and h2load; drop --driver wrk",
                message(() -> o.withCrossCheck(true).withDriver("wrk")));
        assertEquals("--crosscheck: wrk and h2load are closed-loop only; drop --rate",
                message(() -> o.withCrossCheck(true).withRate(100)));
    }

    @Test
    void disturbedAboveDefaultsToATenthOfACoreAndCrossCheckIsOff() {
        assertEquals(10, CompareOptions.defaults().disturbedAbovePercent());
        assertFalse(CompareOptions.defaults().crossCheck());
        assertEquals(25, CompareOptions.defaults().withDisturbedAbovePercent(25).disturbedAbovePercent());
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
