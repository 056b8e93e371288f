package io.concbench.harness.loop;

import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class ParserPoolTest {

    @Test
    void aGivenBackParserIsTakenAgainAndThePoolKeepsAtMostItsLimit() {
        ParserPool pool = new ParserPool(HttpLimits.DEFAULTS);
        RequestParser first = pool.take();
        assertNotSame(first, pool.take());
        pool.give(first);
        assertSame(first, pool.take());

        List<RequestParser> many = new ArrayList<>();
        for (int i = 0; i < ParserPool.MAX + 5; i++) {
            many.add(pool.take());
        }
        many.forEach(pool::give);
        assertEquals(ParserPool.MAX, pool.size());
    }
}
