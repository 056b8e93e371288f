package io.concbench.model.multiprocess;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;

import java.io.IOException;

/**
 * N worker JVMs (default: one per available processor) listening on one port with SO_REUSEPORT, each
 * running an inner model (default {@code reactor} with one event loop); the kernel spreads new
 * connections over them. This is how nginx and pre-forking servers use several cores.
 *
 * <p>Options: {@code --inner NAME} (the model each worker runs), {@code --inner-workers N} (that
 * model's {@code --workers} in each worker; default 1 for reactor, else the inner model's default),
 * {@code --ready-timeout-seconds S}; any other option goes to the inner model. {@code --workers} is
 * the number of worker processes.
 *
 * <p>Lifecycle: {@link #start} returns when every worker printed READY; the returned server restarts a
 * worker that dies, sums the workers' stats and memory, and on close() stops every worker and frees
 * the port. Workers stop by themselves when the supervisor's end of their stdin closes, so a
 * supervisor that is killed leaves no worker behind. Methods of the returned server may be called
 * from any thread.
 */
public final class MultiprocessModel implements ServerModel {

    @Override
    public String name() {
        return MultiprocessOptions.NAME;
    }

    @Override
    public String description() {
        return "N worker JVMs on one port with SO_REUSEPORT, each running --inner (default: reactor, 1 loop)";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        MultiprocessOptions options = MultiprocessOptions.of(config.options());
        ServerModels.named(options.inner());             // an unknown inner model fails here, naming the known ones
        WorkerCommand.requireServable(config);
        int workers = config.workersOr(Runtime.getRuntime().availableProcessors());
        if (workers > MultiprocessOptions.MAX_WORKERS) {
            throw new IllegalArgumentException("--workers " + workers + " starts that many JVMs; multiprocess takes at most "
                    + MultiprocessOptions.MAX_WORKERS);
        }
        return Supervisor.start(config, workers, options);
    }
}
