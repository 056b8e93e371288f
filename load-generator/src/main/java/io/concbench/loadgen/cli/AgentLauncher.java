package io.concbench.loadgen.cli;

import io.concbench.harness.result.LoadResult;
import io.concbench.loadgen.LoadOptions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code load --agents N}: N local agent processes, each {@code load ... --segment i/N
 * --start-at T}, merged into one result. Found with {@link java.util.ServiceLoader}: the concbench
 * jar provides it; the standalone load jar has none (an agent host runs one segment, and a merge
 * step combines them).
 */
public interface AgentLauncher {

    /**
     * Runs the agents to the end and returns their merged result.
     *
     * @param options the whole run (segment {@link io.concbench.loadgen.Segment#WHOLE})
     * @param agentArgs the command line every agent gets, URL first, without --agents, --json, --hlog, --quiet,
     *                  --segment or --start-at
     * @param agents how many
     * @param hlog the --hlog file, or null: each agent then writes its own next to it
     * @param json the --json file, or null: each agent's own result is then kept next to it; without it
     *             the agents' results are deleted after the merge
     * @param err where notes go (a late agent, where the agents' files are)
     */
    LoadResult run(LoadOptions options, List<String> agentArgs, int agents, Path hlog, Path json, PrintWriter err) throws Exception;
}
