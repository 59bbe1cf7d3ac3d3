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

    /** The longest id kept (the outbox stores it); a longer one is cut. */
    public static final int MAX_LENGTH = 128;

    /** This thread now serves the request with this id (null or blank: none; longer than {@value #MAX_LENGTH}: cut). */
    public static void begin(String id) {
        if (id == null || id.isBlank()) {
            ID.remove();
        } else {
            ID.set(id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id);
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
