package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request, with secrets in paths blanked out and no query strings or bodies. */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.invitekit.http.requests");
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("(/token/)[^/]+");

    private RequestLog() {
    }

    static String redact(String path) {
        return TOKEN_SEGMENT.matcher(path).replaceAll("$1[redacted]");
    }

    static void log(Context ctx, float millis) {
        LOG.info("{} {} {} {}ms", ctx.method(), redact(ctx.path()), ctx.status().getCode(), Math.round(millis));
    }
}
