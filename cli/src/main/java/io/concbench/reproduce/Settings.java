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
 * @param t6Timed the duration-based T6 runs: rounds per model, each round's measured time and warm-up
 * @param t12 the end-to-end T12 rounds: each round runs the static and the dynamic chain once
 */
record Settings(String mode, List<String> jmhOptions, double jmhSecondsPerBenchmark, boolean everyParam,
                long sleepersBudgetMillis, List<SleeperVariant> sleepers, int t6Repeats, Duration t6Warmup,
                Duration jfrDuration, Hazards.Settings hazards, Rounds t6Timed, Rounds t12) {

    /**
     * Repeated timed load runs: {@code rounds} of {@code round} measured after {@code warmup}, each in
     * fresh JVMs.
     */
    record Rounds(int rounds, Duration round, Duration warmup) {
        Rounds {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
            }
            if (round.toMillis() < 1000 || round.toMillis() % 1000 != 0 || warmup.isNegative() || warmup.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("a round and its warm-up are whole seconds (the round at least 1 s), got "
                        + round + " and " + warmup);
            }
        }

        /** e.g. "5 rounds × 2 s after 1 s of warm-up". */
        String describe() {
            return rounds + (rounds == 1 ? " round" : " rounds") + " × " + round.toSeconds() + " s after " + warmup.toSeconds()
                    + " s of warm-up";
        }
    }

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
    private static final Rounds QUICK_T6_TIMED = new Rounds(3, Duration.ofSeconds(3), QUICK_RUN_TIME);
    private static final Rounds FULL_T6_TIMED = new Rounds(3, Duration.ofSeconds(10), FULL_RUN_TIME);
    private static final Rounds QUICK_T12 = new Rounds(5, Duration.ofSeconds(2), QUICK_RUN_TIME);
    private static final Rounds FULL_T12 = new Rounds(5, Duration.ofSeconds(5), FULL_RUN_TIME);

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
                1, QUICK_RUN_TIME, QUICK_RUN_TIME, Hazards.Settings.QUICK, QUICK_T6_TIMED, QUICK_T12);
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
                .withT6(FULL_T6_REPEATS, FULL_RUN_TIME).withJfrDuration(FULL_RUN_TIME).withHazards(Hazards.Settings.FULL)
                .withRounds(FULL_T6_TIMED, FULL_T12);
    }

    /** The settings in words, for the document's header. */
    String describe() {
        return mode + ": JMH " + String.join(" ", jmhOptions) + (everyParam ? ", every parameter value" : ", only the judged parameter values")
                + "; T6: " + t6Repeats + (t6Repeats == 1 ? " run" : " runs") + " per model after " + t6Warmup.toSeconds()
                + " s of warm-up; sleepers: " + sleepers.size() + " runs, start budget " + Duration.ofMillis(sleepersBudgetMillis).toSeconds() + " s; T7: "
                + hazards.threads() + " threads × " + Units.grouped(hazards.incrementsPerThread()) + " increments, "
                + Units.grouped(hazards.starvationMillis()) + " ms per lock; T6 timed: " + t6Timed.describe()
                + "; T12 end to end: " + t12.describe();
    }

    Settings withMode(String m) {
        return new Settings(m, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards, t6Timed, t12);
    }

    Settings withJmh(List<String> options, double secondsPerBenchmark) {
        return new Settings(mode, options, secondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards, t6Timed, t12);
    }

    Settings withEveryParam(boolean every) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, every, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards, t6Timed, t12);
    }

    Settings withSleepers(long budgetMillis, List<SleeperVariant> variants) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, budgetMillis, variants,
                t6Repeats, t6Warmup, jfrDuration, hazards, t6Timed, t12);
    }

    Settings withT6(int repeats, Duration warmup) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                repeats, warmup, jfrDuration, hazards, t6Timed, t12);
    }

    Settings withJfrDuration(Duration d) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, d, hazards, t6Timed, t12);
    }

    Settings withHazards(Hazards.Settings h) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, h, t6Timed, t12);
    }

    Settings withRounds(Rounds t6TimedRounds, Rounds t12Rounds) {
        return new Settings(mode, jmhOptions, jmhSecondsPerBenchmark, everyParam, sleepersBudgetMillis, sleepers,
                t6Repeats, t6Warmup, jfrDuration, hazards, t6TimedRounds, t12Rounds);
    }
}
