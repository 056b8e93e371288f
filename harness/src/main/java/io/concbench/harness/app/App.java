package io.concbench.harness.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.Response;
import io.concbench.harness.http.Status;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The application every model serves. Thread-safe; one instance per server.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>{@code GET /plaintext}</td><td>{@code Hello, World!} as text/plain</td></tr>
 *   <tr><td>{@code GET /json}</td><td>{@code {"message":"Hello, World!"}}, serialised by Jackson per request</td></tr>
 *   <tr><td>{@code GET /io?ms=N}</td><td>200 after N ms (0..60000) of simulated downstream wait</td></tr>
 *   <tr><td>{@code GET /cpu?n=N}</td><td>200 after N rounds (0..10,000,000) of a hash loop on the calling thread</td></tr>
 * </table>
 * A bad or missing parameter is 400 and an unknown path 404; both close the connection.
 */
public final class App {

    public static final long MAX_IO_MILLIS = 60_000;
    public static final long MAX_CPU_ROUNDS = 10_000_000;

    private static final byte[] PLAINTEXT = bytes("/plaintext");
    private static final byte[] JSON = bytes("/json");
    private static final byte[] IO = bytes("/io");
    private static final byte[] CPU = bytes("/cpu");
    private static final byte[] MS = bytes("ms");
    private static final byte[] N = bytes("n");

    static final Reply HELLO = Reply.now(Response.fixed(Status.OK, Response.TEXT_PLAIN, bytes("Hello, World!")));
    static final Response IO_DONE = Response.fixed(Status.OK, Response.TEXT_PLAIN, bytes("OK"));
    static final Reply IO_NOW = Reply.now(IO_DONE);
    static final Reply NOT_FOUND = Reply.closing(Response.error(Status.NOT_FOUND));
    static final Reply BAD_PARAMETER = Reply.closing(Response.error(Status.BAD_REQUEST));
    static final Reply UNAUTHORIZED = Reply.now(Response.error(Status.UNAUTHORIZED));
    static final Reply LIMITED = Reply.now(Response.error(Status.TOO_MANY_REQUESTS));

    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** The /json payload. */
    public record Message(String message) {}

    private final AppConfig config;
    private final Handler entry;
    private final LongAdder counted = new LongAdder();

    public App(AppConfig config) {
        this(config, System::nanoTime);
    }

    /** @param nanoClock drives the limiter middleware; tests pass a fake one */
    public App(AppConfig config, LongSupplier nanoClock) {
        this.config = config;
        Handler routes = App::route;
        List<Middleware> chain = middlewares(config, nanoClock);
        this.entry = switch (config.chain()) {
            case NONE -> routes;
            case DYNAMIC -> new DynamicChain(chain, routes);
            case STATIC -> compose(chain, routes);
        };
    }

    /** The application with no middleware. */
    public static App plain() {
        return new App(AppConfig.DEFAULTS);
    }

    public AppConfig config() {
        return config;
    }

    /** Answers a request. Never blocks; {@code /cpu} computes on the calling thread. */
    public Reply handle(Request request) {
        return entry.handle(request);
    }

    /** Requests seen by the counter middlewares (each counts once per request it passes). */
    public long counted() {
        return counted.sum();
    }

    private static Reply route(Request r) {
        if (r.pathEquals(PLAINTEXT)) {
            return HELLO;
        }
        if (r.pathEquals(JSON)) {
            return Reply.now(Response.dynamic(Status.OK, Response.APPLICATION_JSON, json()));
        }
        if (r.pathEquals(IO)) {
            long ms = r.queryLong(MS, MAX_IO_MILLIS);
            if (ms < 0) {
                return BAD_PARAMETER;
            }
            return ms == 0 ? IO_NOW : new Reply(IO_DONE, ms, false);
        }
        if (r.pathEquals(CPU)) {
            long n = r.queryLong(N, MAX_CPU_ROUNDS);
            if (n < 0) {
                return BAD_PARAMETER;
            }
            return Reply.now(Response.dynamic(Status.OK, Response.TEXT_PLAIN, bytes(Long.toHexString(spin(n)))));
        }
        return NOT_FOUND;
    }

    /** N rounds of a 64-bit mix (SplitMix64's finaliser); the result is sent so the JIT cannot drop the loop. */
    static long spin(long rounds) {
        long h = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < rounds; i++) {
            h += 0x9E3779B97F4A7C15L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }

    private static byte[] json() {
        try {
            return JACKSON.writeValueAsBytes(new Message("Hello, World!"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Middleware> middlewares(AppConfig config, LongSupplier nanoClock) {
        byte[] token = bytes(config.authorization());
        List<Middleware> list = new ArrayList<>(config.middlewares());
        for (int i = 0; i < config.middlewares(); i++) {
            list.add(switch (i % 3) {
                case 0 -> (r, next) -> r.authorizationEquals(token) ? next.handle(r) : UNAUTHORIZED;
                case 1 -> (r, next) -> {
                    counted.increment();
                    return next.handle(r);
                };
                default -> {
                    TokenBucket bucket = new TokenBucket(config.limiterPermitsPerSecond(), config.limiterBurst(), nanoClock);
                    yield (r, next) -> bucket.tryAcquire() ? next.handle(r) : LIMITED;
                }
            });
        }
        return List.copyOf(list);
    }

    /** The static form: each middleware closed over its successor once, at start. */
    static Handler compose(List<Middleware> chain, Handler terminal) {
        Handler h = terminal;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Middleware m = chain.get(i);
            Handler next = h;
            h = r -> m.handle(r, next);
        }
        return h;
    }

    /** The dynamic form: the registered list walked per request by a fresh cursor. */
    record DynamicChain(List<Middleware> chain, Handler terminal) implements Handler {
        @Override
        public Reply handle(Request request) {
            return new Cursor(this).handle(request);
        }
    }

    private static final class Cursor implements Handler {
        private final DynamicChain chain;
        private int index;

        Cursor(DynamicChain chain) {
            this.chain = chain;
        }

        @Override
        public Reply handle(Request request) {
            List<Middleware> list = chain.chain();
            return index < list.size() ? list.get(index++).handle(request, this) : chain.terminal().handle(request);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
