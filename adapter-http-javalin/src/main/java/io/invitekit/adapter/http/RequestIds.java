package io.invitekit.adapter.http;

import io.invitekit.application.port.in.CurrentRequest;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Every request gets an id: the {@code X-Request-Id} a trusted proxy sent (anyone else could
 * forge one into our logs), else a generated one. It is echoed in the response's header, put in
 * slf4j's MDC for the request's log lines, and made the {@link CurrentRequest}, so that the
 * emails the request queues keep it.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = CurrentRequest.MDC_KEY;
    private static final String ATTRIBUTE = "invitekit.requestId";
    /** What is kept of a proxy's id: short, one token, nothing a log parser could trip on. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final ClientAddress clients;
    private final SecureRandom random = new SecureRandom();

    RequestIds(ClientAddress clients) {
        this.clients = clients;
    }

    /**
     * Gives the request its id: in the response header, the MDC and {@link CurrentRequest} of this
     * thread (replacing whatever an earlier request on the thread left there).
     */
    void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && ACCEPTABLE.matcher(given).matches() && clients.peerIsTrustedProxy(ctx)
                ? given : generate();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
        CurrentRequest.begin(id);
    }

    /** The request's id, once assigned. */
    static String of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** The request is over: its thread serves other requests next. */
    static void release() {
        MDC.remove(MDC_KEY);
        CurrentRequest.end();
    }

    private String generate() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
