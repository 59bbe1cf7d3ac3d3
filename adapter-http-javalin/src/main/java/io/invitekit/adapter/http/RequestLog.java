package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One line per request, with secrets in paths blanked out and no query strings or bodies. */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.invitekit.http.requests");
    /**
     * The segment after {@code /token/} (tenant and member invitation links, whatever the prefix)
     * and after {@code /join/} (the join-by-link page's code): a secret that lets whoever holds
     * it in. {@code /api/join} itself carries its code in the body, never in the path.
     */
    private static final Pattern SECRET_SEGMENT = Pattern.compile("(/token/|/join/)[^/]+");

    private RequestLog() {
    }

    static String redact(String path) {
        if (!path.contains("/token/") && !path.contains("/join/")) {
            return path; // most paths: no regular expression run
        }
        return SECRET_SEGMENT.matcher(path).replaceAll("$1[redacted]");
    }

    /** Under the request's id, whichever thread Javalin calls this on and whatever it left in the MDC. */
    static void log(Context ctx, float millis) {
        String id = RequestIds.of(ctx);
        try (MDC.MDCCloseable ignored = id == null ? null : MDC.putCloseable(RequestIds.MDC_KEY, id)) {
            LOG.info("{} {} {} {}ms", ctx.method(), redact(ctx.path()), ctx.status().getCode(), Math.round(millis));
        }
    }
}
