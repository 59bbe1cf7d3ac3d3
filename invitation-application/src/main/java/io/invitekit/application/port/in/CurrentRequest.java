package io.invitekit.application.port.in;

/**
 * The id of the request a driving adapter is serving on this thread (the bundled server's HTTP
 * adapter sets it from {@code X-Request-Id} or generates one; a host may set its own). An email
 * queued meanwhile keeps it, and the relay logs that email's sending under it (in slf4j's MDC as
 * {@value #MDC_KEY}), so that one request can be followed from the request log to the delivery.
 * A plain thread-local, not the MDC: the MDC does nothing under some logging bindings.
 */
public final class CurrentRequest {
    /** The key of the request's id in slf4j's MDC, for log lines. */
    public static final String MDC_KEY = "request_id";
    private static final ThreadLocal<String> ID = new ThreadLocal<>();

    private CurrentRequest() {
    }

    /** This thread now serves the request with this id (null: none). */
    public static void begin(String id) {
        if (id == null) {
            ID.remove();
        } else {
            ID.set(id);
        }
    }

    /** The request is over: the thread serves others next. */
    public static void end() {
        ID.remove();
    }

    /** The id of the request this thread serves, or null. */
    public static String id() {
        return ID.get();
    }
}
