package io.concbench.reproduce;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code experiments.json}: what a reproduce run was asked, on which machine and JDK, and how each
 * experiment went. Rewritten after every experiment, so an interrupted run keeps what finished.
 *
 * @param schema {@link #SCHEMA}
 * @param mode quick or full
 * @param settings what the mode sets, in words
 * @param startedAt ISO-8601 UTC
 * @param finishedAt ISO-8601 UTC, or "" while running
 * @param host the machine
 * @param jdk the JDK running reproduce (and, through it, compare's servers and JMH)
 * @param java that JDK's java binary
 * @param loadAverageAtStart /proc/loadavg when the run started: other work on the machine shows here
 * @param loadAverageAtEnd /proc/loadavg when it ended
 * @param benchmarksJar the JMH jar the microbenchmarks ran from
 * @param tables table ids asked for, in order
 * @param experiments one record per experiment run, in run order
 */
record Manifest(String schema, String mode, String settings, String startedAt, String finishedAt, HostInfo host, String jdk, String java,
                String loadAverageAtStart, String loadAverageAtEnd, String benchmarksJar, List<String> tables,
                List<ExperimentRecord> experiments) {

    static final String SCHEMA = "concbench.chapter/1";
    static final String FILE = "experiments.json";

    /**
     * @param id e.g. {@code t6}, {@code jmh-chain}
     * @param title what it measures
     * @param command how to run it by hand
     * @param pinning which CPUs it ran on
     * @param ok false when it failed; then {@code failure} says why
     * @param failure why it failed, or ""
     * @param startedAt ISO-8601 UTC
     * @param seconds how long it took
     * @param files what it wrote, relative to the run directory
     */
    record ExperimentRecord(String id, String title, String command, String pinning, boolean ok, String failure,
                            String startedAt, double seconds, List<String> files) {
        ExperimentRecord {
            files = List.copyOf(files);
        }
    }

    Manifest {
        tables = List.copyOf(tables);
        experiments = List.copyOf(experiments);
    }

    /** A run that has just started: no experiment yet, not finished. */
    static Manifest started(Settings settings, HostInfo host, String benchmarksJar, List<String> tables) {
        return new Manifest(SCHEMA, settings.mode(), settings.describe(), Instant.now().toString(), "", host,
                Runtime.version().toString(), ChildJvm.java().toString(), loadAverage(), "", benchmarksJar, tables, List.of());
    }

    Manifest with(ExperimentRecord r) {
        List<ExperimentRecord> all = new ArrayList<>(experiments);
        all.removeIf(e -> e.id().equals(r.id()));
        all.add(r);
        return new Manifest(schema, mode, settings, startedAt, finishedAt, host, jdk, java, loadAverageAtStart, loadAverageAtEnd,
                benchmarksJar, tables, all);
    }

    Manifest finished(String at, String loadAverage) {
        return new Manifest(schema, mode, settings, startedAt, at, host, jdk, java, loadAverageAtStart, loadAverage, benchmarksJar,
                tables, experiments);
    }

    void write(Path dir) throws IOException {
        Json.writeAtomically(dir.resolve(FILE), this);
    }

    static Manifest read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(dir + ": no " + FILE + " in it; give a directory that concbench reproduce "
                    + "wrote, such as results/chapter/<timestamp>");
        }
        return Json.MAPPER.readerFor(Manifest.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(f.toFile());
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
