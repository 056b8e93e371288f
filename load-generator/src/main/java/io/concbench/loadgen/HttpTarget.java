package io.concbench.loadgen;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a run sends its requests: an {@code http://} URL taken apart once, at start-up.
 *
 * @param url the URL as the user gave it
 * @param host host name or address, without brackets
 * @param port TCP port (80 when the URL names none)
 * @param pathAndQuery the request target sent on the request line, e.g. {@code /plaintext?x=1}
 */
public record HttpTarget(String url, String host, int port, String pathAndQuery) {

    static final int DEFAULT_HTTP_PORT = 80;
    private static final int MAX_PORT = 65535;

    /**
     * Parses {@code url}; a user mistake (no scheme, https, no host, a fragment, a bad port) is an
     * {@link IllegalArgumentException} whose message says what to type instead.
     */
    public static HttpTarget parse(String url) {
        String example = "; expected e.g. http://127.0.0.1:8080/plaintext";
        if (!url.contains("://")) {
            throw new IllegalArgumentException("'" + url + "' has no scheme" + example);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL (" + e.getReason() + ")" + example);
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("'" + url + "' has no scheme" + example);
        }
        if (scheme.equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("'" + url + "': https is not supported; concbench load speaks plain HTTP/1.1, use http://");
        }
        if (!scheme.equalsIgnoreCase("http")) {
            throw new IllegalArgumentException("'" + url + "': scheme '" + scheme + "' is not supported, only http://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' has no host (or a malformed one)" + example);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + url + "': user info in the URL is not supported; send credentials with -H");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "': a #fragment is never sent to a server; remove it");
        }
        int port = uri.getPort() < 0 ? DEFAULT_HTTP_PORT : uri.getPort();
        if (port == 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("'" + url + "': port must be between 1 and " + MAX_PORT);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        return new HttpTarget(url, host, port, query == null ? path : path + "?" + query);
    }

    /** The Host header value: the host, and the port unless it is 80. */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == DEFAULT_HTTP_PORT ? h : h + ":" + port;
    }
}
