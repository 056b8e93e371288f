package io.concbench.cli;

import java.net.URI;

/**
 * The URL {@code hostile} and {@code slowloris} are pointed at: a running server's
 * {@code http://HOST:PORT/path}, taken apart once. The port must be spelled out: these commands probe
 * a server the user just started, so a missing port is a mistake, not a hint to use 80. (The load
 * client's {@code HttpTarget} is stricter about fragments and user info and defaults the port, which a
 * load run against any web server wants.)
 *
 * @param host as the URL names it, brackets and all for IPv6
 * @param port the port the URL names
 * @param path the raw path, {@code /} when the URL has none
 * @param target the request target: the path and any raw query
 */
record ServerUrl(String host, int port, String path, String target) {

    /** Parses {@code url}; a user mistake is an {@link IllegalArgumentException} that says what to type instead. */
    static ServerUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL; use e.g. http://127.0.0.1:8080/plaintext");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("'" + url + "' must be http://HOST:PORT/path, e.g. http://127.0.0.1:8080/plaintext");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new ServerUrl(uri.getHost(), uri.getPort(), path, uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }
}
