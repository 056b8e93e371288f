package io.concbench.harness.app;

/**
 * How the application is assembled. Every default lives here.
 *
 * @param chain how middlewares are composed; {@link Chain#NONE} serves routes directly
 * @param middlewares K: how many middlewares, cycling auth, counter, limiter (K=3 is one of each)
 * @param authorization the exact Authorization header value the auth middleware accepts
 * @param limiterPermitsPerSecond token-bucket refill rate; high by default so it costs work but never refuses
 * @param limiterBurst token-bucket capacity
 */
public record AppConfig(Chain chain, int middlewares, String authorization,
                        long limiterPermitsPerSecond, long limiterBurst) {

    /** How the chain is composed (table T12). */
    public enum Chain {
        /** No middleware. */
        NONE,
        /** A registered list walked per request through a per-request cursor, as Gin's {@code c.Next()}. */
        DYNAMIC,
        /** Composed once at start into nested handlers. */
        STATIC
    }

    public static final String DEFAULT_AUTHORIZATION = "Bearer concbench";
    public static final long DEFAULT_LIMITER_PERMITS_PER_SECOND = 100_000_000L;
    public static final long DEFAULT_LIMITER_BURST = 100_000_000L;
    public static final int MAX_MIDDLEWARES = 1000;

    public static final AppConfig DEFAULTS = new AppConfig(Chain.NONE, 0, DEFAULT_AUTHORIZATION,
            DEFAULT_LIMITER_PERMITS_PER_SECOND, DEFAULT_LIMITER_BURST);

    public AppConfig {
        if (chain == null) {
            throw new IllegalArgumentException("chain must be one of none, dynamic, static");
        }
        if (middlewares < 0 || middlewares > MAX_MIDDLEWARES) {
            throw new IllegalArgumentException("--middlewares must be between 0 and " + MAX_MIDDLEWARES + ", got " + middlewares);
        }
        if (chain != Chain.NONE && middlewares == 0) {
            throw new IllegalArgumentException("--chain " + chain.name().toLowerCase() + " needs --middlewares K with K >= 1");
        }
        if (chain == Chain.NONE && middlewares != 0) {
            throw new IllegalArgumentException("--middlewares " + middlewares + " needs --chain dynamic or --chain static");
        }
        if (limiterPermitsPerSecond < 1 || limiterBurst < 1) {
            throw new IllegalArgumentException("limiter rate and burst must be at least 1");
        }
    }

    /** The default application behind a chain of K middlewares. */
    public static AppConfig chained(Chain chain, int middlewares) {
        return new AppConfig(chain, middlewares, DEFAULT_AUTHORIZATION,
                DEFAULT_LIMITER_PERMITS_PER_SECOND, DEFAULT_LIMITER_BURST);
    }
}
