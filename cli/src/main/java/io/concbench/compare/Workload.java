package io.concbench.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a run drives. {@link #MEMORY} holds idle connections instead of driving load. */
enum Workload {
    PLAINTEXT("/plaintext", "TechEmpower plaintext: the server's own overhead per request"),
    JSON("/json", "TechEmpower json: Jackson serialisation per request"),
    IO("/io?ms=10", "10 ms simulated downstream wait: blocking vs parking vs timers"),
    CPU("/cpu?n=100000", "100,000 hash rounds per request: CPU-bound handlers"),
    MEMORY(null, "memory per idle keep-alive connection");

    private final String target;
    private final String description;

    Workload(String target, String description) {
        this.target = target;
        this.description = description;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request target, or null for {@link #MEMORY}. */
    String target() {
        return target;
    }

    /**
     * Whether --crosscheck drives it with wrk and h2load too: the short-answer workloads, where the client's
     * own cost is largest relative to the server's and so most worth checking.
     */
    boolean crossCheckable() {
        return this == PLAINTEXT || this == JSON;
    }

    String description() {
        return description;
    }

    static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "'; known: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")));
    }
}
