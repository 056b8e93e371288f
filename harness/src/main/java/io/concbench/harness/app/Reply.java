package io.concbench.harness.app;

import io.concbench.harness.http.Response;

/**
 * What the application answers: a response, when to send it, and whether to close afterwards.
 *
 * @param response the bytes to send
 * @param delayMillis how long the model waits before sending, its own way; 0 sends at once
 * @param close whether the model closes the connection after sending, whatever the request asked
 */
public record Reply(Response response, long delayMillis, boolean close) {

    public Reply {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative, got " + delayMillis);
        }
    }

    /** Send at once and keep the connection as the request asked. */
    public static Reply now(Response response) {
        return new Reply(response, 0, false);
    }

    /** Send at once, then close. */
    public static Reply closing(Response response) {
        return new Reply(response, 0, true);
    }
}
