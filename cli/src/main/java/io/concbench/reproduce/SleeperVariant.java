package io.concbench.reproduce;

import io.concbench.report.Units;
/**
 * One run of the sleepers experiment (io.concbench.micro.threads.Sleepers), in a fresh JVM.
 *
 * @param kind platform or virtual
 * @param tasks workers started
 * @param allAtOnce workers sleep only once all have started, so all N are alive together; false is
 *                  the chapter's literal code, where each sleeps from its own start
 */
record SleeperVariant(String kind, int tasks, boolean allAtOnce) {

    static final String PLATFORM = "platform";
    static final String VIRTUAL = "virtual";

    String label() {
        return kind + " " + Units.grouped(tasks) + (allAtOnce ? " all at once" : " as started");
    }
}
