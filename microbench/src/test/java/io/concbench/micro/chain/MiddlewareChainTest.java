package io.concbench.micro.chain;

import io.concbench.harness.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MiddlewareChainTest {

    @Test
    void everyVariantAnswers200SoTheWholeChainIsMeasured() {
        MiddlewareChain bench = new MiddlewareChain();
        for (String chain : new String[] {"dynamic", "static"}) {
            for (int k : new int[] {1, 3, 10}) {
                MiddlewareChain.Chained state = new MiddlewareChain.Chained();
                state.chain = chain;
                state.k = k;
                state.setUp();
                assertEquals(Status.OK, bench.chain(state).response().status(), chain + " k=" + k);
                int counters = (k + 1) / 3;   // the chain cycles auth, counter, limiter
                assertEquals(2L * counters, state.app.counted(), "each counter saw setup's request and ours");
            }
        }
        MiddlewareChain.Plain plain = new MiddlewareChain.Plain();
        plain.setUp();
        assertEquals(Status.OK, bench.noChain(plain).response().status());
    }
}
