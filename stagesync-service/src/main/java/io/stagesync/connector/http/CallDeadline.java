package io.stagesync.connector.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * The whole-call timeout of one request sent through camel-http. Apache HttpClient only has idle
 * timeouts (connect, socket read), so a server that keeps sending a byte now and then holds a call
 * for ever; a deadline closes the connection the request runs on once its time is up, which fails
 * the blocked read at once.
 *
 * <p>Use: {@link #arm(Duration)} on the calling thread, send the request on that same thread
 * (camel-http's producer is synchronous), then {@link #finish()} in a {@code finally}; the client
 * must execute requests with {@link #requestExecutor()}, which hands each request's connection to
 * the deadline armed on its thread. A request sent on a thread without an armed deadline is not
 * watched.
 *
 * <p>The deadline is checked against the request that is running; the one moment it can reach
 * another is when it fires exactly as its request completes, between the connection going back
 * to the pool and {@link #finish()}: the next request on that connection then fails as a
 * retriable I/O error. Thread-safe.
 */
final class CallDeadline {
    private static final ThreadLocal<CallDeadline> ARMED = new ThreadLocal<>();
    private static final ScheduledExecutorService TIMER = timer();
    private static final HttpRequestExecutor EXECUTOR = new WatchedRequestExecutor();

    private final ScheduledFuture<?> expiry;
    private HttpClientConnection connection;
    private boolean expired;
    private boolean finished;

    private CallDeadline(Duration limit) {
        this.expiry = TIMER.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock of a request about to be sent on this thread. */
    static CallDeadline arm(Duration limit) {
        CallDeadline deadline = new CallDeadline(limit);
        ARMED.set(deadline);
        return deadline;
    }

    /** The request executor to build the client with: it puts each request under its thread's deadline. */
    static HttpRequestExecutor requestExecutor() {
        return EXECUTOR;
    }

    /** Stops the clock: the request is over, however it ended. Idempotent. */
    synchronized void finish() {
        finished = true;
        expiry.cancel(false);
        connection = null;
        if (ARMED.get() == this) {
            ARMED.remove();
        }
    }

    /** Whether the deadline passed before the request was over (its connection was then closed). */
    synchronized boolean expired() {
        return expired;
    }

    private synchronized void watch(HttpClientConnection running) {
        if (finished) {
            return;
        }
        connection = running;
        if (expired) {
            running.close(CloseMode.IMMEDIATE);
        }
    }

    private synchronized void expire() {
        if (finished) {
            return;
        }
        expired = true;
        if (connection != null) {
            connection.close(CloseMode.IMMEDIATE);
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("stagesync-call-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Hands the connection of every request to the deadline armed on the sending thread, if any. */
    private static final class WatchedRequestExecutor extends HttpRequestExecutor {
        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
                                           HttpResponseInformationCallback informationCallback, HttpContext context)
                throws IOException, HttpException {
            CallDeadline deadline = ARMED.get();
            if (deadline != null) {
                deadline.watch(conn);
            }
            return super.execute(request, conn, informationCallback, context);
        }
    }
}
