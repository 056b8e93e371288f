package io.concbench.harness.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole corpus against one server: a healthy keep-alive connection is opened first and asked
 * {@code GET healthyTarget} once before the corpus and once after each case, while every case goes
 * on its own fresh connection; at the end a fresh connection asks once more. A broken healthy
 * connection counts as a miss and is opened again for the next check.
 */
public final class HostileRun {

    /** What one run found. */
    public record Result(List<Outcome> cases, int healthyAnswered, int healthyAsked, List<String> healthyMisses,
                         boolean stillAnswering) {
        public long asDocumented() {
            return cases.stream().filter(Outcome::asDocumented).count();
        }

        /** Every case as documented, every healthy request answered, and the server still answers. */
        public boolean allAsDocumented() {
            return asDocumented() == cases.size() && healthyAnswered == healthyAsked && stillAnswering;
        }

        /** The one-line summary {@code concbench hostile} prints. */
        public String summary() {
            return "hostile: " + asDocumented() + " of " + cases.size() + " cases answered as documented (statuses and close); "
                    + "healthy connection " + healthyAnswered + " of " + healthyAsked + " answered; "
                    + (stillAnswering ? "server still answering" : "SERVER NO LONGER ANSWERING");
        }
    }

    /** One case and its deviations (none when answered as documented). */
    public record Outcome(HostileCorpus.Case hostileCase, List<String> deviations) {
        public boolean asDocumented() {
            return deviations.isEmpty();
        }
    }

    private final InetSocketAddress server;
    private final String healthyTarget;
    private final String healthyBody;
    private final int timeoutMillis;

    /**
     * @param server where to connect
     * @param healthyTarget the request target the healthy connection asks for, e.g. {@code /plaintext}
     * @param healthyBody the body it must get back with 200, or null to accept any body
     * @param timeoutMillis how long to wait for any answer or close
     */
    public HostileRun(InetSocketAddress server, String healthyTarget, String healthyBody, int timeoutMillis) {
        this.server = server;
        this.healthyTarget = healthyTarget;
        this.healthyBody = healthyBody;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Runs {@code cases}. The healthy connection is opened before the first case; a server that
     * cannot be reached at all throws, since then there is nothing to compare.
     */
    public Result run(List<HostileCorpus.Case> cases) throws IOException {
        CaseCheck check = new CaseCheck(server, timeoutMillis);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        Wire healthy = new Wire(server, timeoutMillis);   // nothing listening: the caller's error, thrown
        int answered = 0;
        int asked = 0;
        try {
            for (int i = -1; i < cases.size(); i++) {
                if (i >= 0) {
                    HostileCorpus.Case c = cases.get(i);
                    outcomes.add(new Outcome(c, check.check(c)));
                }
                String when = i < 0 ? "before the corpus" : "after " + cases.get(i).name();
                asked++;
                if (healthy == null) {
                    try {
                        healthy = new Wire(server, timeoutMillis);
                    } catch (IOException e) {
                        misses.add("healthy connection " + when + ": cannot reconnect: " + e.getMessage());
                        continue;
                    }
                }
                String miss = ask(healthy, true);
                if (miss == null) {
                    answered++;
                } else {
                    misses.add("healthy connection " + when + ": " + miss);
                    healthy.close();
                    healthy = null;
                }
            }
        } finally {
            if (healthy != null) {
                healthy.close();
            }
        }
        boolean stillAnswering;
        try (Wire fresh = new Wire(server, timeoutMillis)) {
            stillAnswering = ask(fresh, false) == null;
        } catch (IOException e) {
            stillAnswering = false;
        }
        return new Result(outcomes, answered, asked, misses, stillAnswering);
    }

    /**
     * Sends the healthy request; returns what was wrong with the answer, or null when it was right.
     * {@code keepAlive}: the answer must not close the connection (the healthy one is reused).
     */
    private String ask(Wire wire, boolean keepAlive) {
        try {
            wire.send(("GET " + healthyTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Wire.Answer a = wire.read();
            if (a.status() != 200) {
                return "status " + a.status() + ", expected 200";
            }
            if (healthyBody != null && !healthyBody.equals(a.body())) {
                return "body '" + a.body() + "', expected '" + healthyBody + "'";
            }
            if (keepAlive && "close".equals(a.header("Connection"))) {
                return "the server closes it (Connection: close)";
            }
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
