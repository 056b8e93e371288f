package io.concbench.reproduce;

import io.concbench.micro.hazards.Hazards;
import io.concbench.report.Units;

import java.time.Duration;
import java.util.List;

/**
 * How long and how thoroughly each experiment runs: {@link #quick()} is the default, and
 * {@link #full()} is quick with longer, repeated runs. What the chapter fixed (1,000 connections,
 * 10,000 requests, 5,000 and 10,000 idle connections) is not a setting: {@link Experiments} reads it
 * from the chapter ({@link ChapterText}).
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
 * @param hazards the T7 demonstration's sizes (its child JVM's options)
 */
record Settings(String mode, List<String> jmhOptions, double jmhSecondsPerBenchmark, boolean everyParam,
                long sleepersBudgetMillis, List<SleeperVariant> sleepers, int t6Repeats, Duration t6Warmup,
                Duration jfrDuration, Hazards.Settings hazards) {

    static final String QUICK = "quick";
    static final String FULL = "full";

    private static final int TEN_THOUSAND = 10_000;
    private static final int HUNDRED_THOUSAND = 100_000;
    private static final List<String> QUICK_JMH = List.of("-f", "1", "-wi", "2", "-w", "300ms", "-i", "3", "-r", "400ms");
    private static final double QUICK_JMH_SECONDS_PER_BENCHMARK = 3;
    private static final List<String> FULL_JMH = List.of("-f", "2", "-wi", "3", "-w", "1s", "-i", "3", "-r", "1s");
    private static final double FULL_JMH_SECONDS_PER_BENCHMARK = 14;
    private static final long QUICK_SLEEPERS_BUDGET_MILLIS = 20_000;
    private static final long FULL_SLEEPERS_BUDGET_MILLIS = 60_000;
    private static final int FULL_T6_REPEATS = 5;
    private static final Duration QUICK_RUN_TIME = Duration.ofSeconds(1);
    private static final Duration FULL_RUN_TIME = Duration.ofSeconds(2);

    Settings {
        jmhOptions = List.copyOf(jmhOptions);
        sleepers = List.copyOf(sleepers);
        if (t6Repeats < 1) {
            throw new IllegalArgumentException("t6Repeats must be at least 1, got " + t6Repeats);
        }
    }

    /** About five to ten minutes on a 2-core machine: one fork and short iterations, one repeat, the sleepers that decide the claims. */
    static Settings quick() {
        return new Settings(QUICK, QUICK_JMH, QUICK_JMH_SECONDS_PER_BENCHMARK, false, QUICK_SLEEPERS_BUDGET_MILLIS,
                List.of(new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, HUNDRED_THOUSAND, true)),
                1, QUICK_RUN_TIME, QUICK_RUN_TIME, Hazards.Settings.QUICK);
    }

    /**
     * Two forks, three one-second iterations, five T6 repeats (10,000 requests last a fraction of a
     * second, so runs vary), every sleepers variant: about 15-20 minutes.
     */
    static Settings full() {
        return quick().withMode(FULL).withJmh(FULL_JMH, FULL_JMH_SECONDS_PER_BENCHMARK).withEveryParam(true)
                .withSleepers(FULL_SLEEPERS_BUDGET_MILLIS, List.of(
                        new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.PLATFORM, HUNDRED_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.VIRTUAL, HUNDRED_THOUSAND, true),
                        new SleeperVariant(SleeperVariant.PLATFORM, TEN_THOUSAND, false),
                        new SleeperVariant(SleeperVariant.VIRTUAL, TEN_THOUSAND, false)))
                .withT6(FULL_T6_REPEATS, FULL_RUN_TIME).withJfrDuration(FULL_RUN_TIME).withHazards(Hazards.Settings.FULL);
    }

    /** The settings in words, for the document's header. */
    String describe() {
        return mode + ": JMH " + String.join(" ", jmhOptions) + (everyParam ? ", every parameter value" : ", only the judged parameter values")
                + "; T6: " + t6Repeats + (t6Repeats == 1 ? " run" : " runs") + " per model after " + t6Warmup.toSeconds()
                + " s of warm-up; sleepers: " + sleepers.size() + " runs, start budget " + Duration.ofMillis(sleepersBudgetMillis).toSeconds() + " s; T7: "
                + hazards.threads() + " threads × " + Units.grouped(hazards.incrementsPerThread()) + " increments, "
                + Units.grouped(hazards.starvationMillis()) + " ms per lock";
    }

    Settings withMode(String m) {
        return new Settings(m, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards);
    }

    Settings withJmh(List<String> options, double secondsPerBenchmark) {
        return new Settings(mode, options, secondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards);
    }

    Settings withEveryParam(boolean every) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, every, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards);
    }

    Settings withSleepers(long budgetMillis, List<SleeperVariant> variants) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, budgetMillis, variants,
                t6Repeats, t6Warmup, jfrDuration, hazards);
    }

    Settings withT6(int repeats, Duration warmup) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                repeats, warmup, jfrDuration, hazards);
    }

    Settings withJfrDuration(Duration d) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, d, hazards);
    }

    Settings withHazards(Hazards.Settings h) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, h);
    }
}
