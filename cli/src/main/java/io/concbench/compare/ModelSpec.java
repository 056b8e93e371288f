package io.concbench.compare;

import io.concbench.harness.app.AppConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model as compare runs it: {@code name[:workers][+static|+dynamic]}. {@code :workers} fixes its
 * pool threads, event loops or processes (0 = the model's default); {@code +static} or
 * {@code +dynamic} serves the application behind a chain of {@link #CHAIN_MIDDLEWARES} middlewares
 * (auth, counter, limiter: {@code serve --chain}), composed once or walked per request (table T12).
 *
 * @param chain "" for no chain, else "static" or "dynamic"
 */
record ModelSpec(String name, int workers, String chain) {

    static final String STATIC = "static";
    static final String DYNAMIC = "dynamic";
    /** One of each middleware serve has: auth, counter, limiter (the chapter's auth → logging → rate limit). */
    static final int CHAIN_MIDDLEWARES = 3;
    /**
     * The Authorization header the auth middleware accepts ({@code AppConfig.DEFAULT_AUTHORIZATION});
     * without it every chained request would be answered 401 by the first link.
     */
    static final String CHAIN_AUTHORIZATION = "Authorization: " + AppConfig.DEFAULT_AUTHORIZATION;

    static ModelSpec parse(String spec) {
        String rest = spec;
        String chain = "";
        int plus = spec.indexOf('+');
        if (plus >= 0) {
            chain = spec.substring(plus + 1).toLowerCase(Locale.ROOT);
            rest = spec.substring(0, plus);
            if (!chain.equals(STATIC) && !chain.equals(DYNAMIC)) {
                throw new IllegalArgumentException("--models: '" + spec + "': the chain after '+' must be static or dynamic, e.g. reactor:1+static");
            }
        }
        int colon = rest.indexOf(':');
        if (colon < 0) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("--models: '" + spec + "' has no model name, e.g. reactor:1+static");
            }
            return new ModelSpec(rest, 0, chain);
        }
        try {
            int w = Integer.parseInt(rest.substring(colon + 1));
            if (w >= 1 && colon > 0) {
                return new ModelSpec(rest.substring(0, colon), w, chain);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--models: '" + spec + "' should be name, name:workers (workers >= 1) or either with "
                + "+static or +dynamic, e.g. reactor:1 or reactor:1+static");
    }

    boolean chained() {
        return !chain.isEmpty();
    }

    /** The file-name form: {@code reactor}, {@code reactor-w1}, {@code reactor-w1-static}. */
    String fileStem() {
        return (workers == 0 ? name : name + "-w" + workers) + (chained() ? "-" + chain : "");
    }

    /** serve's arguments for this model (port 0: the server picks one and reports it). */
    List<String> serveArgs() {
        List<String> args = new ArrayList<>(List.of("--model", name, "--port", "0", "--workers", Integer.toString(workers)));
        if (chained()) {
            args.addAll(List.of("--chain", chain, "--middlewares", Integer.toString(CHAIN_MIDDLEWARES)));
        }
        return args;
    }

    /** The request headers the client must send: the chain's auth token, or none. */
    List<String> clientHeaders() {
        return chained() ? List.of(CHAIN_AUTHORIZATION) : List.of();
    }
}
