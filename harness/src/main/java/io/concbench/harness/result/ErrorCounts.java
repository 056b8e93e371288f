package io.concbench.harness.result;

/**
 * Failed requests of a load run, by class. Each request that was sent ends in exactly one place: a
 * response (counted by status class), one of the request-level classes here, or "in flight at end"
 * in {@link LoadResult}. {@code connect} is the exception: it counts failed connection attempts,
 * which carry no request.
 *
 * @param connect connection attempts refused, reset or not completed within the timeout
 * @param read requests lost because a read failed (reset, or a response that is not valid HTTP/1.1)
 * @param write requests lost because a write failed
 * @param timeout requests not answered within the timeout (the connection is then closed and reopened)
 * @param status4xx responses with a 4xx status
 * @param status5xx responses with a 5xx status
 * @param otherStatus responses with any status that is neither 2xx, 4xx nor 5xx (3xx included: a
 *                    benchmark of one URL that gets redirects is not measuring that URL)
 * @param closedByPeer requests lost because the server closed the connection (FIN) before answering them
 */
public record ErrorCounts(long connect, long read, long write, long timeout,
                          long status4xx, long status5xx, long otherStatus, long closedByPeer) {

    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** Every error, connect attempts included. */
    public long total() {
        return connect + read + write + timeout + status4xx + status5xx + otherStatus + closedByPeer;
    }

    /** Requests that got no usable answer or an error status (connect attempts excluded). */
    public long failedRequests() {
        return total() - connect;
    }

    /** Element-wise sum. */
    public ErrorCounts plus(ErrorCounts o) {
        return new ErrorCounts(connect + o.connect, read + o.read, write + o.write, timeout + o.timeout,
                status4xx + o.status4xx, status5xx + o.status5xx, otherStatus + o.otherStatus,
                closedByPeer + o.closedByPeer);
    }
}
