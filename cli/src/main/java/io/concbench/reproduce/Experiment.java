package io.concbench.reproduce;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One experiment: runs once per reproduce run, however many tables use it, and only writes files
 * into the run directory. Judging reads them back later.
 *
 * @param id names its files: {@code <id>.json}, or a directory {@code <id>/} for compare matrices
 * @param title what it measures
 * @param command how to run it by hand, for the document
 * @param pinning which CPUs it runs on
 * @param estimateSeconds about how long it takes, for progress lines
 * @param step the work
 */
record Experiment(String id, String title, String command, String pinning, long estimateSeconds, Step step) {

    /** Runs the experiment into {@code dir}; returns the files it wrote, relative to {@code dir}. Throws when it failed. */
    interface Step {
        List<String> run(Path dir, PrintWriter out) throws Exception;
    }
}
