package io.concbench.harness.app;

import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.RequestParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AppTest {

    private static Request request(String target, String... headers) {
        RequestParser p = new RequestParser(HttpLimits.DEFAULTS);
        String s = "GET " + target + " HTTP/1.1\r\n" + String.join("", headers) + "\r\n";
        assertEquals(RequestParser.Result.REQUEST, p.parse(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII))));
        return p.request();
    }

    private static final String AUTH = "Authorization: " + AppConfig.DEFAULT_AUTHORIZATION + "\r\n";

    @Test
    void routesAnswerWithoutWaiting() {
        App app = App.plain();
        assertSame(App.HELLO, app.handle(request("/plaintext")));
        assertEquals(25, app.handle(request("/io?ms=25")).delayMillis());
        assertSame(App.IO_NOW, app.handle(request("/io?ms=0")));
        assertSame(App.NOT_FOUND, app.handle(request("/plaintext/")));
        assertSame(App.BAD_PARAMETER, app.handle(request("/io?ms=60001")));
        assertEquals(Long.toHexString(App.spin(3)), new String(app.handle(request("/cpu?n=3")).response().body(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @EnumSource(value = AppConfig.Chain.class, names = {"DYNAMIC", "STATIC"})
    void chainChecksAuthCountsAndPasses(AppConfig.Chain chain) {
        App app = new App(AppConfig.chained(chain, 10));
        assertSame(App.HELLO, app.handle(request("/plaintext", AUTH)));
        assertEquals(3, app.counted(), "K=10 cycles auth, counter, limiter: 3 counters");
        assertSame(App.UNAUTHORIZED, app.handle(request("/plaintext")));
        assertSame(App.UNAUTHORIZED, app.handle(request("/plaintext", "Authorization: Bearer other\r\n")));
        assertEquals(3, app.counted(), "a refused request never reaches the counters");
    }

    @ParameterizedTest
    @EnumSource(value = AppConfig.Chain.class, names = {"DYNAMIC", "STATIC"})
    void limiterRefusesBeyondTheBucketUntilTimeRefillsIt(AppConfig.Chain chain) {
        AtomicLong nanos = new AtomicLong();
        App app = new App(new AppConfig(chain, 3, AppConfig.DEFAULT_AUTHORIZATION, 2, 2), nanos::get);
        assertSame(App.HELLO, app.handle(request("/plaintext", AUTH)));
        assertSame(App.HELLO, app.handle(request("/plaintext", AUTH)));
        assertSame(App.LIMITED, app.handle(request("/plaintext", AUTH)));
        nanos.addAndGet(499_000_000L);
        assertSame(App.LIMITED, app.handle(request("/plaintext", AUTH)));
        nanos.addAndGet(1_000_000L);
        assertSame(App.HELLO, app.handle(request("/plaintext", AUTH)));
        assertSame(App.LIMITED, app.handle(request("/plaintext", AUTH)));
    }

    @Test
    void configRefusesInconsistentChains() {
        assertThrows(IllegalArgumentException.class, () -> AppConfig.chained(AppConfig.Chain.STATIC, 0));
        assertThrows(IllegalArgumentException.class, () -> AppConfig.chained(AppConfig.Chain.NONE, 3));
        assertThrows(IllegalArgumentException.class, () -> AppConfig.chained(AppConfig.Chain.DYNAMIC, -1));
    }
}
