package io.concbench.harness.result;

/**
 * The one list of the load client's error classes. Its order is the order of the {@code errors}
 * object in result JSON, of the error columns in summary.csv and of every printed error line; the
 * JSON names are part of the committed result files' format and must not change. A new class is one
 * new constant here (appended, so old files still read): every counter, writer and reader iterates
 * over {@link #values()}.
 *
 * <p>Each request that was sent ends in exactly one place: a response (counted by status class), one
 * of the request-level classes here, or "in flight at end" in {@link LoadResult}. {@link #CONNECT} is
 * the exception: it counts failed connection attempts, which carry no request.
 */
public enum ErrorClass {

    /** Connection attempts refused, reset or not completed within the timeout. */
    CONNECT("connect", "connect"),
    /** Requests lost because a read failed (reset, or a response that is not valid HTTP/1.1). */
    READ("read", "read"),
    /** Requests lost because a write failed. */
    WRITE("write", "write"),
    /** Requests not answered within the timeout (the connection is then closed and reopened). */
    TIMEOUT("timeout", "timeout"),
    /** Responses with a 4xx status. */
    STATUS_4XX("status4xx", "4xx"),
    /** Responses with a 5xx status. */
    STATUS_5XX("status5xx", "5xx"),
    /**
     * Responses with any status that is neither 2xx, 4xx nor 5xx (3xx included: a benchmark of one URL
     * that gets redirects is not measuring that URL).
     */
    OTHER_STATUS("otherStatus", "other status"),
    /** Requests lost because the server closed the connection (FIN) before answering them. */
    CLOSED_BY_PEER("closedByPeer", "closed by peer");

    /** The field name in result JSON. */
    public final String jsonName;
    /** How summaries print the class to a reader: lower case, words separated by spaces. */
    public final String label;

    ErrorClass(String jsonName, String label) {
        this.jsonName = jsonName;
        this.label = label;
    }

    /** The class whose {@link #jsonName} is {@code name}, or null. */
    static ErrorClass ofJsonName(String name) {
        for (ErrorClass c : values()) {
            if (c.jsonName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
