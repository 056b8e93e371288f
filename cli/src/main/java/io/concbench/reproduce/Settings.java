package io.concbench.reproduce;

import io.concbench.report.Units;
import java.time.Duration;
import java.util.List;

/**
 * How long and how thoroughly each experiment runs; every mode's values are in {@link #quick()}
 * and {@link #full()}. What the chapter fixed (1,000 connections, 10,000 requests, 5,000 and
 * 10,000 idle connections, 100 ms sleeps) is not a setting: it is in {@link Experiments}.
 *
 * @param mode "quick" or "full"
 * @param jmhOptions JMH's own options for every benchmark run (forks, iterations, times)
 * @param jmhSecondsPerBenchmark what one benchmark takes under those options, fork start included: for estimates and time limits
 * @param everyParam run every parameter value of the scheduler and middleware-chain benchmarks, not only the one judged
 * @param sleepersBudgetMillis how long a sleepers run may spend starting threads before it reports how far it got
 * @param sleepers the sleepers runs
 * @param t6Repeats repeats of each T6 model, interleaved; medians are judged
 * @param t6Warmup unmeasured load before T6's counted requests, in the same JVMs (the JIT's turn)
 * @param jfrDuration measured time of each T13 recording run
 * @param hazards the T7 demonstration's sizes
 */
record Settings(String mode, List<String> jmhOptions, double jmhSecondsPerBenchmark, boolean everyParam,
                long sleepersBudgetMillis, List<SleeperVariant> sleepers, int t6Repeats, Duration t6Warmup,
                Duration jfrDuration, Hazards.Settings hazards) {

    static final String QUICK = "quick";
    static final String FULL = "full";

    private static final int TEN_THOUSAND = 10_000;
    private static final int HUNDRED_THOUSAND = 100_000;

    Settings {
        jmhOptions = List.copyOf(jmhOptions);
        sleepers = List.copyOf(sleepers);
        if (t6Repeats < 1) {
            throw new IllegalArgumentException("t6Repeats must be at least 1, got " + t6Repeats);
        }
    }

    /** About five to ten minutes on a 2-core machine: one fork and short iterations, one repeat, the sleepers that decide the claims. */
    static Settings quick() {
        return new Settings(QUICK, List.of("-f", "1", "-wi", "2", "-w", "300ms", "-i", "3", "-r", "400ms"), 3, false,
                20_000,
                List.of(new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, HUNDRED_THOUSAND, true)),
                1, Duration.ofSeconds(1), Duration.ofSeconds(1), Hazards.Settings.QUICK);
    }

    /**
     * Two forks, three one-second iterations, five T6 repeats (10,000 requests last a fraction of a
     * second, so runs vary), every sleepers variant: about 15-20 minutes.
     */
    static Settings full() {
        return new Settings(FULL, List.of("-f", "2", "-wi", "3", "-w", "1s", "-i", "3", "-r", "1s"), 14, true,
                60_000,
                List.of(new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.PLATFORM, HUNDRED_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, HUNDRED_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, false),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, false)),
                5, Duration.ofSeconds(2), Duration.ofSeconds(2), Hazards.Settings.FULL);
    }

    /** The settings in words, for the document's header. */
    String describe() {
        return mode + ": JMH " + String.join(" ", jmhOptions) + (everyParam ? ", every parameter value" : ", only the judged parameter values")
                + "; T6: " + t6Repeats + (t6Repeats == 1 ? " run" : " runs") + " per model after " + t6Warmup.toSeconds()
                + " s of warm-up; sleepers: " + sleepers.size() + " runs, start budget " + java.time.Duration.ofMillis(sleepersBudgetMillis).toSeconds() + " s; T7: "
                + hazards.threads() + " threads × " + Units.grouped(hazards.incrementsPerThread()) + " increments, "
                + Units.grouped(hazards.starvationMillis()) + " ms per lock";
    }

    Settings withHazards(Hazards.Settings h) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, h);
    }
}
